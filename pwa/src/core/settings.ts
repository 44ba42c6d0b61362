// Settings kept on the phone: text size and 简体/繁體. localStorage, read synchronously
// at start-up so the first paint already has the right size.
/** The two languages the content comes in. */
export type Locale = 'zh-CN' | 'zh-TW';

export const TEXT_SIZES = [
  { id: 'normal', label: '标准', px: 17 },
  { id: 'large', label: '大', px: 20 },
  { id: 'xlarge', label: '特大', px: 23 },
] as const;
export type TextSize = (typeof TEXT_SIZES)[number]['id'];

const KEY_SIZE = 'gyfy.textSize';
const KEY_LOCALE = 'gyfy.locale';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* storage refused: the setting lasts for this visit only */
  }
}

export function getTextSize(): TextSize {
  const v = read(KEY_SIZE);
  return (TEXT_SIZES.find((s) => s.id === v)?.id ?? 'normal') as TextSize;
}

export function applyTextSize(size: TextSize = getTextSize()): void {
  const px = TEXT_SIZES.find((s) => s.id === size)?.px ?? 17;
  document.documentElement.style.fontSize = px + 'px';
}

export function setTextSize(size: TextSize): void {
  write(KEY_SIZE, size);
  applyTextSize(size);
}

export function stepTextSize(delta: 1 | -1): TextSize {
  const i = TEXT_SIZES.findIndex((s) => s.id === getTextSize());
  const next = TEXT_SIZES[Math.max(0, Math.min(TEXT_SIZES.length - 1, i + delta))].id;
  setTextSize(next);
  return next;
}

export function getLocale(): Locale {
  return read(KEY_LOCALE) === 'zh-TW' ? 'zh-TW' : 'zh-CN';
}

export function saveLocale(locale: Locale): void {
  write(KEY_LOCALE, locale);
  document.documentElement.lang = locale;
}

const KEY_OFFLINE_TOLD = 'gyfy.offlineReadyTold';
export function offlineReadyTold(): boolean {
  return read(KEY_OFFLINE_TOLD) === '1';
}
export function markOfflineReadyTold(): void {
  write(KEY_OFFLINE_TOLD, '1');
}
