import type { FormInstance } from 'antd';
import { ApiError } from '../../app/api-error.js';
import { fieldOfPath } from '../../app/form-errors.js';

/** `body.coUnitIds.1` → `coUnitIds`, `body.constituent.phone` → `phone` (the register form is flat). */
export function opinionFieldOfPath(path: string): string {
  return fieldOfPath(path)
    .replace(/^constituent\./, '')
    .replace(/(\.\d+)+$/, '');
}

/**
 * Shows the server's field messages beside the matching fields of `form`. Returns true when
 * every message found a field (nothing else left to show).
 */
export function showFieldErrors(
  form: FormInstance,
  error: unknown,
  fields: readonly string[],
  rename: (field: string) => string = (field) => field,
): boolean {
  if (!(error instanceof ApiError) || error.fields.length === 0) return false;
  const byField = new Map<string, string[]>();
  let unmatched = false;
  for (const issue of error.fields) {
    const name = rename(opinionFieldOfPath(issue.path));
    if (!fields.includes(name)) {
      unmatched = true;
      continue;
    }
    byField.set(name, [...(byField.get(name) ?? []), issue.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return !unmatched && byField.size > 0;
}
