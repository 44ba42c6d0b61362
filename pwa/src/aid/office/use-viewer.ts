// The state of the evidence viewer (evidence-viewer.tsx): which photo, its size, zoom and turn, the
// keys, the wheel, dragging and pinching, and saving the photo under the server's name.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { errorText } from '../../core/api';
import { saveAs } from '../../core/save';
import { blobUrl, namedBlob } from './case-api';

export type Photo = { id: string; label: string; url: string; width?: number; height?: number };
export const STEP = 1.25;
const MAX = 4;

/** A blob: URL per photo for as long as the viewer is open (going back shows it again without a new fetch). */
function usePhotoUrls() {
  const urls = useRef(new Map<string, Promise<string>>());
  useEffect(() => () => urls.current.forEach((p) => p.then(URL.revokeObjectURL, () => undefined)), []);
  return (path: string) => {
    let p = urls.current.get(path);
    if (!p) {
      p = blobUrl(path);
      p.catch(() => urls.current.delete(path)); // a failed photo is fetched again when shown again
      urls.current.set(path, p);
    }
    return p;
  };
}

export function useViewer(items: Photo[], start: number) {
  const [index, setIndex] = useState(start);
  const [scale, setScale] = useState<number | 'fit'>('fit');
  const [turn, setTurn] = useState(0); // quarter turns clockwise
  const [img, setImg] = useState<{ url?: string; error?: unknown; w: number; h: number }>({ w: 0, h: 0 });
  const [stage, setStage] = useState({ w: 0, h: 0 });
  const [saving, setSaving] = useState('');
  const stageRef = useRef<HTMLDivElement>(null);
  const photoUrl = usePhotoUrls();
  const photo = items[index];
  const count = items.length;
  const name = photo.label || `照片 ${index + 1}`;

  useEffect(() => {
    let live = true;
    setImg({ w: photo.width || 0, h: photo.height || 0 });
    setScale('fit');
    setTurn(0);
    setSaving('');
    photoUrl(photo.url).then(
      (url) => live && setImg((s) => ({ ...s, url })),
      (error) => live && setImg((s) => ({ ...s, error })),
    );
    return () => {
      live = false;
    };
  }, [photo.url]);

  useEffect(() => {
    const el = stageRef.current;
    if (!el) return;
    const measure = () => setStage({ w: el.clientWidth, h: el.clientHeight });
    measure();
    addEventListener('resize', measure);
    return () => removeEventListener('resize', measure);
  }, []);

  // The photo's size on screen: turned a quarter, its width and height swap.
  const sideways = turn % 2 === 1;
  const boxW = sideways ? img.h : img.w;
  const boxH = sideways ? img.w : img.h;
  const fit = boxW && boxH && stage.w && stage.h ? Math.min(1, (stage.w - 8) / boxW, (stage.h - 8) / boxH) : 1;
  const s = scale === 'fit' ? fit : scale;
  const min = Math.min(fit, 0.25);
  const zoom = (factor: number) => setScale((now) => Math.min(MAX, Math.max(min, (now === 'fit' ? fit : now) * factor)));
  const go = (step: number) => setIndex((i) => (i + step + count) % count);

  // Zooming keeps the middle of what is seen in the middle.
  const middle = useRef<{ x: number; y: number } | null>(null);
  const remember = () => {
    const el = stageRef.current;
    if (el && el.scrollWidth) middle.current = { x: (el.scrollLeft + el.clientWidth / 2) / el.scrollWidth, y: (el.scrollTop + el.clientHeight / 2) / el.scrollHeight };
  };
  useLayoutEffect(() => {
    const el = stageRef.current;
    if (!el || !middle.current) return;
    el.scrollLeft = middle.current.x * el.scrollWidth - el.clientWidth / 2;
    el.scrollTop = middle.current.y * el.scrollHeight - el.clientHeight / 2;
    middle.current = null;
  }, [s, turn]);

  useEffect(() => {
    const keys = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const act: Record<string, () => void> = {
        ArrowLeft: () => go(-1),
        ArrowRight: () => go(1),
        '+': () => (remember(), zoom(STEP)),
        '=': () => (remember(), zoom(STEP)),
        '-': () => (remember(), zoom(1 / STEP)),
        '0': () => setScale('fit'),
        '1': () => (remember(), setScale(1)),
        r: () => setTurn((t) => (t + 1) % 4),
      };
      if (act[e.key]) {
        e.preventDefault();
        act[e.key]();
      }
    };
    document.addEventListener('keydown', keys);
    return () => document.removeEventListener('keydown', keys);
  });

  // The wheel zooms (dragging and pinching: usePinch).
  useEffect(() => {
    const el = stageRef.current;
    if (!el) return;
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      remember();
      zoom(e.deltaY < 0 ? STEP : 1 / STEP);
    };
    el.addEventListener('wheel', wheel, { passive: false });
    return () => el.removeEventListener('wheel', wheel);
  });
  const pointer = usePinch(stageRef, s, min, remember, setScale);

  const save = async () => {
    setSaving('正在下载…');
    try {
      // The server names the file and logs the download once; the name it gives is the one saved.
      const file = await namedBlob(`${photo.url}?download=1`);
      saveAs(file.url, file.name || `${name}.jpg`);
      setSaving('');
    } catch (e) {
      setSaving(errorText(e));
    }
  };
  return { index, count, photo, name, scale, setScale, turn, setTurn, img, setImg, s, boxW, boxH, stageRef, zoom, remember, go, save, saving, pointer };
}

export type Viewer = ReturnType<typeof useViewer>;

/** One finger or the mouse drags a zoomed photo; two fingers pinch it. */
function usePinch(stageRef: { current: HTMLDivElement | null }, s: number, min: number, remember: () => void, setScale: (scale: number) => void) {
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const pinch = useRef<{ d: number; s: number } | null>(null);
  const spread = () => {
    const [a, b] = [...pointers.current.values()];
    return Math.hypot(a.x - b.x, a.y - b.y) || 1;
  };
  const down = (e: PointerEvent) => {
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    (e.currentTarget as HTMLElement).setPointerCapture?.(e.pointerId);
    if (pointers.current.size === 2) pinch.current = { d: spread(), s };
  };
  const move = (e: PointerEvent) => {
    const was = pointers.current.get(e.pointerId);
    if (!was) return;
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pinch.current && pointers.current.size === 2) {
      remember();
      const next = pinch.current.s * (spread() / pinch.current.d);
      setScale(Math.min(MAX, Math.max(min, next)));
    } else if (pointers.current.size === 1 && stageRef.current) {
      stageRef.current.scrollLeft -= e.clientX - was.x;
      stageRef.current.scrollTop -= e.clientY - was.y;
    }
  };
  const up = (e: PointerEvent) => {
    pointers.current.delete(e.pointerId);
    if (pointers.current.size < 2) pinch.current = null;
  };
  return { down, move, up };
}
