/*
 * Personal data as the system compares and shows it: one way to write a phone, one way to mask a
 * name, a phone or an e-mail address, so that a list, a log line and a ledger never differ.
 */

/** A phone as stored and compared: without the spaces and dashes people type (0574-8678 1234 → 057486781234). */
export function normalizePhone(phone: string): string {
  return phone.replace(/[\s-]/g, '');
}

/** 13812345678 → 138****5678; other numbers keep their first 3 and last 2 characters. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (digits.length <= 5) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 5)}${digits.slice(-2)}`;
}

/** 张三丰 → 张** ; a one-character name is hidden whole. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** zhang.san@example.cn → z***@example.cn */
export function maskEmail(email: string): string {
  const [user = '', domain = ''] = email.split('@');
  return `${user.slice(0, 1)}***@${domain}`;
}

/** Phone numbers, ID card numbers and e-mail addresses in a text, masked (a deputy's text or an opinion's may carry a constituent's). */
export function redact(text: string): string {
  return text
    .replace(/\b\d{17}[\dXx]\b/g, '［身份证号已隐去］')
    .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, '［手机号已隐去］')
    .replace(/(?<!\d)(0\d{2,3}-?)?\d{7,8}(?!\d)/g, '［电话已隐去］')
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '［邮箱已隐去］');
}
