/**
 * The token with one character changed where the change always reaches the decoded bytes: the
 * middle of its last dot-separated part. (Changing the last character is not enough: in base64url
 * it may carry bits that decoding ignores, so the "tampered" token can still be valid, about once in
 * a thousand runs.)
 */
export function tamper(token: string): string {
  const start = token.lastIndexOf('.') + 1;
  const i = start + Math.floor((token.length - start) / 2);
  return token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
}
