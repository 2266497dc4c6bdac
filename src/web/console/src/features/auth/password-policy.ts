/** The password rules the server enforces, checked as the user types (the server decides). */
export type PasswordRule = 'length' | 'classes' | 'username';

export const passwordRules: readonly PasswordRule[] = ['length', 'classes', 'username'];

export function failedPasswordRules(password: string, username: string): PasswordRule[] {
  const failed: PasswordRule[] = [];
  if (password.length < 8) failed.push('length');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) failed.push('classes');
  if (username && password.toLowerCase().includes(username.toLowerCase())) failed.push('username');
  return failed;
}
