// Mainland mobile numbers, checked in the browser by the server's own rule (server/pii.py), held to
// it by tests/vectors/phone.json: NFKC folds full-width digits (１３８…) and signs to ASCII; spaces,
// tabs, dashes and brackets are dropped; a +86/0086/86 prefix is dropped; then 1[3-9] and nine
// ASCII digits. Any other script's digits are refused, as on the server. The same NFKC fold as
// core/digits.ts, written here (pwa/tests/phone.test.js holds this file to the vectors).

export const PHONE_MESSAGE = '请填写 11 位手机号码（1 开头）。';

export function cleanPhone(raw: string): string {
  const digits = raw.normalize('NFKC').replace(/[ \t\-()]/g, '');
  return digits.length > 11 ? digits.replace(/^(\+86|0086|86)/, '') : digits;
}

export function isMobile(raw: string): boolean {
  return /^1[3-9][0-9]{9}$/.test(cleanPhone(raw));
}

export const CONTACT_MESSAGE = '请填写手机号，或者带区号的座机号（比如 028-85556666）。';

// An employer's phone may be a landline (server/pii.py normalise_contact_phone, the same vectors):
// 010 and 02x take an 8-digit local number, 0[3-9]xx a 7- or 8-digit one, never starting 0 or 1;
// 400/800 are companies' nationwide numbers; an extension is kept after 转.
const LANDLINE = /^(010|02[0-9])([2-9][0-9]{7})$|^(0[3-9][0-9]{2})([2-9][0-9]{6,7})$/;
const NATIONWIDE = /^([48]00)([0-9]{3})([0-9]{4})$/;
const EXTENSION = /^(.*?)(?:\s*(?:转|分机|ext\.?|x|#)\s*|-)([0-9]{1,6})$/i;

function landline(text: string): string | null {
  let digits = text.replace(/[ \t\-()]/g, '');
  const abroad = /^(\+86|0086)/.exec(digits);
  if (abroad) digits = '0' + digits.slice(abroad[0].length); // +86 28 8555 6666: the 0 is dropped abroad
  const found = LANDLINE.exec(digits);
  if (found) return found[1] ? `${found[1]}-${found[2]}` : `${found[3]}-${found[4]}`;
  const wide = NATIONWIDE.exec(digits);
  return wide ? wide.slice(1).join('-') : null;
}

/** An employer's phone as the server keeps it ('13900001111', '028-85556666', '028-85556666转123'), or null. */
export function contactPhone(raw: string): string | null {
  if (isMobile(raw)) return cleanPhone(raw);
  const text = raw.normalize('NFKC').replace(/^ +| +$/g, '');
  const split = EXTENSION.exec(text);
  // '0371-6234567-8' reads as an extension when what comes before it is a whole number by itself.
  const main = split ? landline(split[1]) : null;
  if (split && main) return `${main}转${split[2]}`;
  return landline(text);
}

/** The one mask (the server's too): only the last four digits show. */
export function maskPhone(phone: string): string {
  const last4 = phone.slice(-4);
  return last4.length === 4 ? `*******${last4}` : '****';
}
