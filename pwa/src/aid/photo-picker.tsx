// Evidence photos on the phone, for the form's 拍照留证据 screen and the tracking page's 补充材料:
// 拍照 / 从相册选, each photo shrunk (photos.ts) and kept in IndexedDB under the id of what it
// belongs to (an application's or a supplement's client id), thumbnails with a label and 删掉.
import { useEffect, useState } from 'preact/hooks';
import { NotAPhoto, PHOTO_LABELS, shrink } from './photos';
import { addPhoto, labelPhoto, removePhoto } from './draft';
import type { AidPhoto } from './types';

export function Thumb(props: { photo: Pick<AidPhoto, 'id' | 'blob' | 'width' | 'height'>; alt: string }) {
  const [url, setUrl] = useState('');
  useEffect(() => {
    const u = URL.createObjectURL(props.photo.blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [props.photo.id]);
  return url ? <img class="thumb" src={url} alt={props.alt} width={96} height={Math.round((96 * props.photo.height) / props.photo.width)} /> : null;
}

/** The photos kept under `ownerId`, with the buttons to add more; `setPhotos` gets the list as it now stands. */
export function PhotoPicker(props: {
  ownerId: string;
  photos: AidPhoto[];
  setPhotos: (p: AidPhoto[]) => void;
  setProblem: (p: string) => void;
  /** Prefix of the inputs' ids, unique on the page. */
  idPrefix?: string;
}) {
  const { photos, setPhotos, setProblem } = props;
  const prefix = props.idPrefix || 'ph';
  const [working, setWorking] = useState(0);
  const add = async (files: FileList | null) => {
    const list = Array.from(files || []);
    if (!list.length) return;
    setProblem('');
    setWorking(list.length);
    let kept = [...photos];
    for (const f of list) {
      try {
        const p = await addPhoto(props.ownerId, await shrink(f));
        if (p) kept = [...kept, p];
        else setProblem('照片没能存到手机上（手机存储可能满了）。');
      } catch (err) {
        setProblem(err instanceof NotAPhoto ? err.message : '照片没能存到手机上（手机存储可能满了）。');
      }
      setWorking((n) => n - 1);
    }
    setPhotos(kept);
  };
  const setLabel = (p: AidPhoto, label: string) => {
    setPhotos(photos.map((q) => (q.id === p.id ? { ...q, label } : q)));
    void labelPhoto(p.id, label);
  };
  const picked = (e: Event) => {
    const input = e.target as HTMLInputElement;
    void add(input.files).then(() => (input.value = ''));
  };
  return (
    <>
      <div class="photo-pick">
        <label class="btn btn-primary">
          <input class="sr-only" type="file" accept="image/*" capture="environment" onChange={picked} />
          拍照
        </label>
        <label class="btn btn-default">
          <input class="sr-only" type="file" accept="image/*" multiple onChange={picked} />
          从相册选
        </label>
      </div>
      {working > 0 && (
        <p class="page-desc" role="status">
          正在处理照片…
        </p>
      )}
      <p class="page-desc" role="status" data-testid="photo-count">
        已有 {photos.length} 张照片
      </p>
      <ul class="cells photos">
        {photos.map((p, i) => (
          <PhotoRow
            key={p.id}
            p={p}
            n={i + 1}
            id={`${prefix}-${p.id}`}
            setLabel={(label) => setLabel(p, label)}
            remove={async () => {
              await removePhoto(p.id);
              setPhotos(photos.filter((q) => q.id !== p.id));
            }}
          />
        ))}
      </ul>
    </>
  );
}

/** One photo kept: its thumbnail, what it is (typed or a quick label), and 删掉. */
function PhotoRow(props: { p: AidPhoto; n: number; id: string; setLabel: (label: string) => void; remove: () => void }) {
  const { p, n } = props;
  return (
    <li class="cell photo">
      <Thumb photo={p} alt={`证据照片 ${n}${p.label ? '：' + p.label : ''}`} />
      <div class="photo-body">
        <label for={props.id}>照片 {n} 是什么（可不填）</label>
        <input id={props.id} type="text" value={p.label} maxLength={60} onInput={(e) => props.setLabel((e.target as HTMLInputElement).value)} />
        <div class="chips" role="group" aria-label={`照片 ${n} 快速选`}>
          {PHOTO_LABELS.map((l) => (
            <button key={l} type="button" class={'chip' + (p.label === l ? ' on' : '')} aria-pressed={p.label === l} onClick={() => props.setLabel(l)}>
              {l}
            </button>
          ))}
        </div>
        <button type="button" class="btn btn-small btn-default" onClick={props.remove}>
          删掉照片 {n}
        </button>
      </div>
    </li>
  );
}
