// The case's evidence photos, one at a time over the page: zoom (buttons, wheel, pinch; 100 % or fit),
// turn by 90° (the view only: the stored photo is never changed), previous and next (← → on a PC),
// drag to move a zoomed photo, and save it under the name the server gives (code-number-label.jpg).
// Loaded when a photo is first opened. Each photo is fetched once per opening (the server logs the view).
// The viewer's state lives in use-viewer.ts.
import './evidence-viewer.css';
import { errorText } from '../../core/api';
import { Overlay } from './case-parts';
import { type Photo, STEP, useViewer, type Viewer } from './use-viewer';

export function EvidenceViewer(props: { items: Photo[]; start: number; onClose: () => void }) {
  const v = useViewer(props.items, props.start);
  const title = `证据照片 ${v.index + 1} / ${v.count}：${v.name}`;
  return (
    <Overlay title={title} onClose={props.onClose} class="viewer-box">
      <Tools v={v} />
      <Stage v={v} />
      <p class="viewer-hint">PC 上可用 ← → 换照片，滚轮放大缩小；手机上两指放大。转动只是看的方向，照片本身不变。</p>
    </Overlay>
  );
}

/** Previous and next, zoom, 100 % or fit, turn, save. */
function Tools({ v }: { v: Viewer }) {
  const { count, go, remember, zoom, s, scale, setScale, setTurn, save, saving } = v;
  return (
    <div class="viewer-tools" role="toolbar" aria-label="看照片">
      {count > 1 && (
        <>
          <button type="button" class="btn btn-default btn-small" onClick={() => go(-1)} aria-keyshortcuts="ArrowLeft">
            上一张
          </button>
          <button type="button" class="btn btn-default btn-small" onClick={() => go(1)} aria-keyshortcuts="ArrowRight">
            下一张
          </button>
        </>
      )}
      <button type="button" class="btn btn-default btn-small" onClick={() => (remember(), zoom(1 / STEP))} aria-keyshortcuts="-">
        缩小
      </button>
      <span class="viewer-scale" role="status" data-testid="viewer-scale">
        {Math.round(s * 100)}%
      </span>
      <button type="button" class="btn btn-default btn-small" onClick={() => (remember(), zoom(STEP))} aria-keyshortcuts="+">
        放大
      </button>
      {scale === 'fit' ? (
        <button type="button" class="btn btn-default btn-small" onClick={() => (remember(), setScale(1))}>
          原大 100%
        </button>
      ) : (
        <button type="button" class="btn btn-default btn-small" onClick={() => setScale('fit')}>
          适合屏幕
        </button>
      )}
      <button type="button" class="btn btn-default btn-small" onClick={() => setTurn((t) => (t + 1) % 4)} aria-keyshortcuts="r">
        向右转
      </button>
      <button type="button" class="btn btn-primary btn-small" onClick={save} disabled={saving === '正在下载…'}>
        {saving === '正在下载…' ? saving : '下载原图'}
      </button>
      {saving && saving !== '正在下载…' && (
        <span class="field-error" role="alert">
          {saving}
        </span>
      )}
    </div>
  );
}

/** The photo, zoomed and turned, dragged or pinched. */
function Stage({ v }: { v: Viewer }) {
  const { stageRef, img, setImg, boxW, boxH, s, name, turn } = v;
  const { down, move, up } = v.pointer;
  return (
    <div class="viewer-stage" ref={stageRef} onPointerDown={down} onPointerMove={move} onPointerUp={up} onPointerCancel={up}>
      {img.error ? (
        <span class="photo-missing">{errorText(img.error)}</span>
      ) : !img.url ? (
        <span class="photo-missing">正在加载…</span>
      ) : (
        <div class="viewer-box-inner" style={{ width: `${boxW * s}px`, height: `${boxH * s}px` }}>
          <img
            src={img.url}
            alt={name}
            draggable={false}
            data-turn={turn * 90}
            style={{ width: `${img.w * s}px`, height: `${img.h * s}px`, transform: `translate(-50%, -50%) rotate(${turn * 90}deg)` }}
            onLoad={(e) => {
              const el = e.currentTarget as HTMLImageElement;
              if (el.naturalWidth !== img.w || el.naturalHeight !== img.h) setImg((st) => ({ ...st, w: el.naturalWidth, h: el.naturalHeight }));
            }}
          />
        </div>
      )}
    </div>
  );
}
