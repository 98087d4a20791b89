// Shows a generated one-time password exactly once, with a copy button.
import { CopyOutlined, KeyOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall back below
  }
  try {
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.appendChild(ta);
    ta.select();
    const ok = document.execCommand('copy');
    document.body.removeChild(ta);
    return ok;
  } catch {
    return false;
  }
}

export interface OneTimePassword {
  username: string;
  displayName: string;
  password: string;
  reason: 'created' | 'reset';
}

export function OneTimePasswordModal({ value, onClose }: { value: OneTimePassword | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const onCopy = async () => {
    if (!value) return;
    const ok = await copyText(value.password);
    if (ok) void message.success(t('users.otp.copied'));
    else void message.error(t('users.otp.copyFailed'));
  };
  return (
    <Modal
      open={!!value}
      title={
        <span>
          <KeyOutlined className="qs-card-title-icon" />
          {value?.reason === 'reset' ? t('users.otp.titleReset') : t('users.otp.titleCreated')}
        </span>
      }
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={[
        <Button key="copy" icon={<CopyOutlined />} onClick={() => void onCopy()} data-testid="otp-copy">
          {t('users.otp.copy')}
        </Button>,
        <Button key="ok" type="primary" onClick={onClose} data-testid="otp-close">
          {t('users.otp.done')}
        </Button>,
      ]}
    >
      {value && (
        <div data-testid="otp-modal">
          <Typography.Paragraph>
            {t('users.otp.intro', { name: value.displayName, username: value.username })}
          </Typography.Paragraph>
          <div className="qs-otp-box">
            <Typography.Text className="qs-otp-value" data-testid="otp-value">
              {value.password}
            </Typography.Text>
          </div>
          <Alert type="warning" showIcon title={t('users.otp.onlyOnce')} description={t('users.otp.onlyOnceDetail')} />
        </div>
      )}
    </Modal>
  );
}
