import { FileSearchOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { isApiError } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { AuthScreen } from '../components/AuthScreen.tsx';

interface LoginForm {
  username: string;
  password: string;
}

export function LoginPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<{ title: string; detail?: string; locked?: boolean } | null>(null);

  const from = (location.state as { from?: string } | null)?.from;

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      const user = await login(values.username.trim(), values.password);
      if (user.mustChangePassword) void navigate('/change-password', { replace: true });
      else void navigate(from && from !== '/login' ? from : '/dashboard', { replace: true });
    } catch (e) {
      if (isApiError(e)) {
        const next: { title: string; detail?: string; locked?: boolean } = {
          title: e.status === 401 ? t('auth.badCredentials') : e.title,
          locked: e.status === 429,
        };
        if (e.status === 401 && e.title && e.title !== next.title) next.detail = e.title;
        if (e.detail) next.detail = e.detail;
        setError(next);
      } else {
        setError({ title: t('errors.unexpected') });
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthScreen
      footer={
        <Link to="/public/tasks" data-testid="public-tasks-link">
          <FileSearchOutlined /> {t('tasks.public.link')}
        </Link>
      }
    >
      <div className="qs-auth-form-head">
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          {t('auth.loginTitle')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('auth.loginSubtitle')}</Typography.Text>
      </div>
      {error && (
        <Alert
          type={error.locked ? 'warning' : 'error'}
          showIcon
          title={error.title}
          description={error.detail}
          style={{ marginBottom: 20 }}
          data-testid="login-error"
        />
      )}
      <Form<LoginForm> layout="vertical" size="large" onFinish={onFinish} requiredMark={false} autoComplete="on">
        <Form.Item
          name="username"
          label={t('auth.username')}
          rules={[{ required: true, whitespace: true, message: t('validation.usernameRequired') }]}
        >
          <Input prefix={<UserOutlined />} placeholder={t('auth.usernamePlaceholder')} autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          rules={[{ required: true, message: t('validation.passwordRequired') }]}
        >
          <Input.Password
            prefix={<LockOutlined />}
            placeholder={t('auth.passwordPlaceholder')}
            autoComplete="current-password"
          />
        </Form.Item>
        <Form.Item style={{ marginBottom: 8 }}>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            {t('auth.login')}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" className="qs-auth-hint">
        {t('auth.loginHint')}
      </Typography.Paragraph>
    </AuthScreen>
  );
}
