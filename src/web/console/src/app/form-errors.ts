import type { FormInstance } from 'antd';
import { ApiError } from './api-error.js';
import type { Translate } from './i18n.js';

/** The form field an error path names: `body.username` → `username`, `newPassword` → `newPassword`. */
export function fieldOfPath(path: string): string {
  return path.replace(/^(body|query|params)\./, '');
}

/**
 * Shows the server's field messages next to the matching fields of `form`.
 * Returns true when every field message found a field (nothing else left to show).
 */
export function applyFieldErrors(form: FormInstance, error: unknown, fields: readonly string[]): boolean {
  if (!(error instanceof ApiError) || error.fields.length === 0) return false;
  const byField = new Map<string, string[]>();
  let unmatched = false;
  for (const issue of error.fields) {
    const name = fieldOfPath(issue.path);
    if (!fields.includes(name)) {
      unmatched = true;
      continue;
    }
    byField.set(name, [...(byField.get(name) ?? []), issue.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return !unmatched && byField.size > 0;
}

/** The message to show for any error thrown by a call. */
export function errorMessage(error: unknown, t: Translate): string {
  if (error instanceof ApiError) return error.message;
  return t('error.unexpected');
}
