// Mainland mobile numbers, checked in the browser by the server's own rule (server/pii.py):
// spaces, dashes and brackets dropped, a +86/0086/86 prefix dropped, then 1[3-9] and nine digits.

export const PHONE_MESSAGE = '请填写 11 位手机号码（1 开头）。';

export function cleanPhone(raw: string): string {
  const digits = raw.replace(/[\s\-()]/g, '');
  return digits.length > 11 ? digits.replace(/^(\+86|0086|86)/, '') : digits;
}

export function isMobile(raw: string): boolean {
  return /^1[3-9]\d{9}$/.test(cleanPhone(raw));
}

export function maskPhone(phone: string): string {
  return `*******${phone.slice(-4)}`;
}
