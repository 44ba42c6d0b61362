// Plain helpers of the case screens (no imports, so node's unit tests can run them):
// amounts in yuan and fen, and the server's field errors flattened for the forms.

/** {"json": {"checklist": {"arrears_checked": ["..."]}}} → {"checklist.arrears_checked": "..."} */
export function flattenErrors(errors: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(errors)) {
    const texts = errors.filter((e) => typeof e === 'string');
    if (texts.length && prefix) out[prefix] = texts.join(' ');
    errors.forEach((e, i) => typeof e === 'object' && e && Object.assign(out, flattenErrors(e, prefix ? `${prefix}.${i}` : String(i))));
  } else if (typeof errors === 'string') {
    if (prefix) out[prefix] = errors;
  } else if (errors && typeof errors === 'object') {
    for (const [k, v] of Object.entries(errors)) {
      // webargs puts a body's errors under "json" and a query's under "query": not a field.
      const key = !prefix && (k === 'json' || k === 'query') ? '' : prefix ? `${prefix}.${k}` : k;
      Object.assign(out, flattenErrors(v, key));
    }
  }
  return out;
}

/** 2400000 → "24,000 元"; 2400050 → "24,000.50 元". */
export function yuan(fen: number | null | undefined): string {
  if (fen == null) return '未填';
  const whole = Math.floor(fen / 100).toLocaleString('zh-CN');
  const cents = fen % 100;
  return `${whole}${cents ? '.' + String(cents).padStart(2, '0') : ''} 元`;
}

/** "1,234.5" or "1234.50" typed in yuan → fen; null when it is not an amount. */
export function toFen(text: string): number | null {
  const t = text.replace(/[,，\s元]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  const [whole, part = ''] = t.split('.');
  return Number(whole) * 100 + Number(part.padEnd(2, '0'));
}

/** "12/1 15:28" in Beijing time, whatever zone the PC is set to (the server sends UTC). */
export function shortWhen(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  return t.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hourCycle: 'h23', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
