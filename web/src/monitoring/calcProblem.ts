// A calculator's refusal as its form shows it. The API names the offending field in the detail
// ("values.NH3-N：不能为负数"); its `errors` carry the field too, but the client keeps only the first
// segment of a dotted path, which here would be "values" for every input.
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { isApiError } from '../api.ts';
import type { FormProblem } from '../components/ProblemAlert.tsx';
import { FIELD_MESSAGE } from '../../../src/monitoring/data/file-layout.ts';


/** Puts the message on the input it names when the form has one; otherwise returns it for the alert. */
export function calculatorProblem(e: unknown, t: TFunction, form: FormInstance, inputs: readonly string[]): FormProblem | null {
  if (!isApiError(e)) return { title: t('errors.unexpected'), extra: [] };
  const named = e.detail ? FIELD_MESSAGE.exec(e.detail) : null;
  if (named && e.status === 400) {
    const [, path, message] = named as unknown as [string, string, string];
    const key = path.startsWith('values.') ? path.slice('values.'.length) : null;
    if (key !== null && inputs.includes(key)) {
      form.setFields([{ name: ['values', key], errors: [message] }]);
      return null;
    }
  }
  return { title: e.title, ...(e.detail ? { detail: e.detail } : {}), extra: [] };
}
