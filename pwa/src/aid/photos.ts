// Evidence photos are shrunk on the phone before they are kept: longest side about 1600 px,
// JPEG, the camera's orientation applied. Drawing on a canvas also leaves every EXIF field
// (GPS included) behind; the server strips metadata again anyway.

export const LONGEST_SIDE = 1600;
const QUALITY = 0.82;

export const PHOTO_LABELS = ['欠条', '考勤记录', '工资条', '聊天截图', '转账记录', '工牌', '伤情记录'];

async function decode(file: Blob): Promise<{ source: CanvasImageSource; width: number; height: number; close: () => void }> {
  if (typeof createImageBitmap === 'function') {
    try {
      const bmp = await createImageBitmap(file, { imageOrientation: 'from-image' });
      return { source: bmp, width: bmp.width, height: bmp.height, close: () => bmp.close() };
    } catch {
      /* an older engine without the options: an <img> applies the orientation itself */
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return { source: img, width: img.naturalWidth, height: img.naturalHeight, close: () => undefined };
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

export class NotAPhoto extends Error {
  constructor() {
    super('这个文件不是照片，或者照片坏了。请换一张。');
  }
}

/** The photo as it will be kept and sent: a JPEG no larger than LONGEST_SIDE on its longest side. */
export async function shrink(file: Blob): Promise<{ blob: Blob; width: number; height: number }> {
  let img;
  try {
    img = await decode(file);
  } catch {
    throw new NotAPhoto();
  }
  try {
    const scale = Math.min(1, LONGEST_SIDE / Math.max(img.width, img.height));
    const width = Math.max(1, Math.round(img.width * scale));
    const height = Math.max(1, Math.round(img.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new NotAPhoto();
    ctx.fillStyle = '#fff'; // a transparent screenshot becomes white, not black
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(img.source, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((ok) => canvas.toBlob(ok, 'image/jpeg', QUALITY));
    canvas.width = canvas.height = 0; // let the phone have its memory back at once
    if (!blob) throw new NotAPhoto();
    return { blob, width, height };
  } finally {
    img.close();
  }
}
