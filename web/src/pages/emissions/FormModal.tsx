// A form in a modal that posts to the server and shows its problem+json: the enterprise, outlet and
// limit forms differ only in their fields and where they send them.
import { Form, Modal } from 'antd';
import type { FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api.ts';
import { applyFieldErrors } from '../../components/forms.ts';
import { ProblemAlert, type FormProblem } from '../../components/ProblemAlert.tsx';

export function FormModal<V extends object>({
  title,
  testId,
  fields,
  initialValues,
  submit,
  onClose,
  children,
}: {
  title: string;
  testId: string;
  /** The field names the server's errors may name. */
  fields: readonly string[];
  initialValues?: Partial<V>;
  submit: (values: V) => Promise<void>;
  onClose: () => void;
  children: (form: FormInstance<V>) => ReactNode;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<V>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);

  const onFinish = async (values: V) => {
    setSaving(true);
    setProblem(null);
    try {
      await submit(values);
    } catch (e) {
      if (isApiError(e)) setProblem({ title: e.title, ...(e.detail ? { detail: e.detail } : {}), extra: applyFieldErrors(form, e, fields) });
      else setProblem({ title: t('errors.unexpected'), extra: [] });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': `${testId}-submit` } as { [k: `data-${string}`]: string }}
      destroyOnHidden
      width={640}
    >
      <div data-testid={testId}>
        <ProblemAlert problem={problem} />
        <Form<V> form={form} layout="vertical" onFinish={onFinish} initialValues={initialValues}>
          {children(form)}
        </Form>
      </div>
    </Modal>
  );
}
