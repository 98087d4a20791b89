// A refusal of the server as a form shows it: field errors on their fields, the rest above the form.
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { isApiError } from '../api.ts';
import { applyFieldErrors } from '../components/forms.ts';
import type { FormProblem } from '../components/ProblemAlert.tsx';

export function problemOf<T>(e: unknown, t: TFunction, form?: { instance: FormInstance<T>; fields: readonly string[] }): FormProblem {
  if (!isApiError(e)) return { title: t('errors.unexpected'), extra: [] };
  const extra = form ? applyFieldErrors(form.instance, e, form.fields) : (e.errors ?? []).map((x) => x.message).filter(Boolean);
  return { title: e.title, ...(e.detail ? { detail: e.detail } : {}), extra };
}
