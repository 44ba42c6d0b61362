// Numbers as people type them with Chinese input methods: full-width digits and signs (１２，０００．５)
// folded to ASCII by NFKC, and every kind of space dropped (the ideographic one too), before any
// rule reads them. The server folds the same way (unicodedata NFKC). Every input that takes digits
// (amounts, ID numbers, counts, codes) reads them through here; phones through core/phone.ts, which
// folds the same way and then drops the separators the server's phone rule drops.

export function typedNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s/g, '');
}

/** A whole count as typed ("４０", "1 200"): its number, or null when it is no count of at most `digits` digits. */
export function typedCount(raw: string, digits = 6): number | null {
  const t = typedNumber(raw);
  return t.length <= digits && /^[0-9]+$/.test(t) ? Number(t) : null;
}
