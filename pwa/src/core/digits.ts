// Numbers as people type them with Chinese input methods: full-width digits and signs (１２，０００．５)
// folded to ASCII by NFKC, and every kind of space dropped (the ideographic one too), before any
// rule reads them. The server folds the same way (unicodedata NFKC).

export function typedNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s/g, '');
}
