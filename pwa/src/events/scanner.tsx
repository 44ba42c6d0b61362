// The camera QR scanner. The browser's own BarcodeDetector where it has one (Chrome on
// Android); elsewhere (WeChat's webview, iPhones) the `qr` package's decoder behind the same
// interface, loaded only then. Whatever it reads goes to the one handler the page gives it,
// the same one a test or a hand-held scanner feeds.
import { useEffect, useRef, useState } from 'preact/hooks';

interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}

declare global {
  interface Window {
    BarcodeDetector?: {
      new (o: { formats: string[] }): Detector;
      getSupportedFormats(): Promise<string[]>;
    };
  }
}

async function detector(): Promise<Detector> {
  const Native = window.BarcodeDetector;
  try {
    if (Native && (await Native.getSupportedFormats()).includes('qr_code')) return new Native({ formats: ['qr_code'] });
  } catch {
    /* present but unusable: fall back */
  }
  const { BarcodeDetector } = await import('qr/decode.js');
  return new BarcodeDetector({ formats: ['qr_code'] }) as unknown as Detector;
}

const SAME_CODE_MS = 3000; // a code held in front of the camera is read once, not every frame

/** `other`: the way without a camera the messages point to (查找签到 at a check-in); `aim`: what to point it at. */
export function Scanner(props: { onScanned: (text: string) => void; onClose: () => void; other?: string; aim?: string }) {
  const other = props.other || '查找签到';
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState('');
  const handler = useRef(props.onScanned);
  handler.current = props.onScanned;
  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | null = null;
    let last = { text: '', at: 0 };
    (async () => {
      if (!navigator.mediaDevices?.getUserMedia) throw new Error(`这个浏览器不能用摄像头扫码，请用${other}。`);
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
      if (stopped) return;
      const v = video.current!;
      v.srcObject = stream;
      await v.play();
      const d = await detector();
      while (!stopped) {
        try {
          if (v.readyState >= 2) {
            const [hit] = await d.detect(v);
            const now = Date.now();
            if (hit?.rawValue && (hit.rawValue !== last.text || now - last.at > SAME_CODE_MS)) {
              last = { text: hit.rawValue, at: now };
              handler.current(hit.rawValue);
            }
          }
        } catch {
          /* a frame that could not be read: try the next */
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    })().catch((err) => {
      if (stopped) return;
      setProblem(
        err instanceof DOMException && err.name === 'NotAllowedError'
          ? `没有摄像头权限。请在浏览器设置里允许使用摄像头，或者用下面的${other}。`
          : err instanceof Error && /[\u4e00-\u9fff]/.test(err.message)
            ? err.message
            : `打不开摄像头，请用下面的${other}。`,
      );
    });
    return () => {
      stopped = true;
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);
  return (
    <div class="scanner">
      {problem ? (
        <p class="form-error" role="alert">
          {problem}
        </p>
      ) : (
        <video ref={video} class="scanner-video" muted playsInline aria-label={`摄像头画面：对准${props.aim || '工友的报名二维码'}`} />
      )}
      <button type="button" class="btn btn-default" onClick={props.onClose}>
        关闭摄像头
      </button>
    </div>
  );
}
