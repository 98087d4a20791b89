import { CheckCircleFilled, CloseCircleOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../api.ts';
import { useAuth, useCurrentUser } from '../auth.tsx';
import { AuthScreen } from '../components/AuthScreen.tsx';
import { applyFieldErrors } from '../components/forms.ts';
import { passwordChecks } from '../passwords.ts';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { changePassword, logout } = useAuth();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordForm>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<{ title: string; detail?: string } | null>(null);
  const forced = user.mustChangePassword;

  const current = Form.useWatch('currentPassword', form) ?? '';
  const next = Form.useWatch('newPassword', form) ?? '';
  const checks = passwordChecks(next, current);

  const onFinish = async (values: PasswordForm) => {
    setSubmitting(true);
    setError(null);
    try {
      await changePassword(values.currentPassword, values.newPassword);
      void message.success(t('auth.passwordChanged'));
      void navigate('/dashboard', { replace: true });
    } catch (e) {
      if (isApiError(e)) {
        applyFieldErrors(form, e, ['currentPassword', 'newPassword']);
        setError(e.detail ? { title: e.title, detail: e.detail } : { title: e.title });
      } else {
        setError({ title: t('errors.unexpected') });
      }
    } finally {
      setSubmitting(false);
    }
  };

  const onLogout = async () => {
    try {
      await logout();
    } finally {
      void navigate('/login', { replace: true });
    }
  };

  return (
    <AuthScreen>
      <div className="qs-auth-form-head">
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          {t('auth.changePasswordTitle')}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('auth.changePasswordFor', { name: user.displayName, username: user.username })}
        </Typography.Text>
      </div>
      {forced && (
        <Alert
          type="info"
          showIcon
          title={t('auth.mustChangeTitle')}
          description={t('auth.mustChangeDetail')}
          style={{ marginBottom: 16 }}
          data-testid="must-change-notice"
        />
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          title={error.title}
          description={error.detail}
          style={{ marginBottom: 16 }}
          data-testid="password-error"
        />
      )}
      <Form<PasswordForm> form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item
          name="currentPassword"
          label={t('auth.currentPassword')}
          rules={[{ required: true, message: t('validation.currentPasswordRequired') }]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('auth.newPassword')}
          dependencies={['currentPassword']}
          rules={[
            { required: true, message: t('validation.newPasswordRequired') },
            {
              validator: async (_, value: string | undefined) => {
                if (!value) return;
                const c = passwordChecks(value, form.getFieldValue('currentPassword') ?? '');
                if (!c.length) throw new Error(t('validation.passwordTooShort'));
                if (!c.letters || !c.digits) throw new Error(t('validation.passwordLettersDigits'));
                if (!c.differs) throw new Error(t('validation.passwordSameAsOld'));
              },
            },
          ]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
        </Form.Item>
        <ul className="qs-password-rules" aria-live="polite">
          {(
            [
              ['length', checks.length],
              ['lettersDigits', checks.letters && checks.digits],
              ['differs', checks.differs && next.length > 0],
            ] as const
          ).map(([key, ok]) => (
            <li key={key} className={ok ? 'ok' : ''}>
              {ok ? <CheckCircleFilled /> : <CloseCircleOutlined />} {t(`auth.passwordRule.${key}`)}
            </li>
          ))}
        </ul>
        <Form.Item
          name="confirmPassword"
          label={t('auth.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('validation.confirmPasswordRequired') },
            {
              validator: async (_, value: string | undefined) => {
                if (value && value !== form.getFieldValue('newPassword')) throw new Error(t('validation.passwordMismatch'));
              },
            },
          ]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
        </Form.Item>
        <Form.Item style={{ marginBottom: 8 }}>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting} data-testid="password-submit">
            {t('auth.changePasswordSubmit')}
          </Button>
        </Form.Item>
      </Form>
      <Space style={{ width: '100%', justifyContent: 'center' }}>
        {forced ? (
          <Button type="link" onClick={() => void onLogout()}>
            {t('auth.logoutInstead')}
          </Button>
        ) : (
          <Button type="link" onClick={() => void navigate(-1)}>
            {t('common.back')}
          </Button>
        )}
      </Space>
    </AuthScreen>
  );
}
