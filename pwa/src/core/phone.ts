// Mainland mobile numbers, checked in the browser by the server's own rule (server/pii.py), held to
// it by tests/vectors/phone.json: NFKC folds full-width digits (１３８…) and signs to ASCII; spaces,
// tabs, dashes and brackets are dropped; a +86/0086/86 prefix is dropped; then 1[3-9] and nine
// ASCII digits. Any other script's digits are refused, as on the server.

export const PHONE_MESSAGE = '请填写 11 位手机号码（1 开头）。';

export function cleanPhone(raw: string): string {
  const digits = raw.normalize('NFKC').replace(/[ \t\-()]/g, '');
  return digits.length > 11 ? digits.replace(/^(\+86|0086|86)/, '') : digits;
}

export function isMobile(raw: string): boolean {
  return /^1[3-9][0-9]{9}$/.test(cleanPhone(raw));
}

/** The one mask (the server's too): only the last four digits show. */
export function maskPhone(phone: string): string {
  const last4 = phone.slice(-4);
  return last4.length === 4 ? `*******${last4}` : '****';
}
