import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { FieldIssue } from '../errors/errors.js';

/** Argon2id, PHC strings: the parameters travel with each hash, so they can change later. */
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

// Checked against when the user does not exist, so that timing does not tell who exists.
let dummy: Promise<string> | undefined;

export async function verifyPassword(phc: string | undefined, password: string): Promise<boolean> {
  if (!phc) {
    dummy ??= hashPassword(crypto.randomBytes(16).toString('hex'));
    await verify(await dummy, password);
    return false;
  }
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

/** The policy: at least 8 characters, 3 of 4 classes, not the username. Returns what is wrong. */
export function passwordProblems(password: string, username: string, path = 'newPassword'): FieldIssue[] {
  const problems: FieldIssue[] = [];
  if (password.length < 8) problems.push({ path, zh: '密码至少 8 个字符', en: 'At least 8 characters' });
  if (password.length > 128) problems.push({ path, zh: '密码最多 128 个字符', en: 'At most 128 characters' });
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) {
    problems.push({
      path,
      zh: '密码须包含大写字母、小写字母、数字、符号中的至少三类',
      en: 'Use at least 3 of: lower case, upper case, digits, symbols',
    });
  }
  const lower = password.toLowerCase();
  const name = username.toLowerCase();
  if (name && (lower.includes(name) || lower.split('').reverse().join('').includes(name))) {
    problems.push({ path, zh: '密码不能包含用户名', en: 'The password must not contain the username' });
  }
  return problems;
}

/** A random password that meets the policy, for new accounts and resets (changed at first sign-in). */
export function temporaryPassword(): string {
  const pick = (set: string) => set[crypto.randomInt(set.length)]!;
  const sets = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '#%+=@!'];
  const chars = sets.map(pick);
  for (let i = 0; i < 8; i++) chars.push(pick(sets.join('')));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
