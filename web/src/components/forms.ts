// Helpers to show server problem+json errors on antd forms.
import type { FormInstance } from 'antd';
import type { ApiError } from '../api.ts';

/**
 * Put the server's field errors on the matching form fields. Returns the errors that
 * matched no field (to be shown elsewhere).
 */
export function applyFieldErrors<T>(form: FormInstance<T>, error: ApiError, fields: readonly string[]): string[] {
  const unmatched: string[] = [];
  const byField = new Map<string, string[]>();
  for (const e of error.errors ?? []) {
    if (fields.includes(e.field)) {
      const list = byField.get(e.field) ?? [];
      list.push(e.message);
      byField.set(e.field, list);
    } else if (e.message) {
      unmatched.push(e.field ? `${e.field}: ${e.message}` : e.message);
    }
  }
  if (byField.size > 0) {
    form.setFields(
      [...byField.entries()].map(([name, errors]) => ({ name: name as never, errors })),
    );
  }
  return unmatched;
}
