// Shared loading / error / empty states.
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api.ts';

export function describeError(error: unknown, fallback: string): { title: string; detail?: string } {
  if (isApiError(error)) return error.detail ? { title: error.title, detail: error.detail } : { title: error.title };
  return { title: fallback };
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const d = describeError(error, t('errors.unexpected'));
  return (
    <Alert
      type="error"
      showIcon
      title={d.title}
      description={d.detail}
      data-testid="error-state"
      action={
        onRetry ? (
          <Button size="small" icon={<ReloadOutlined />} onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

export function EmptyState({ description }: { description?: string }) {
  const { t } = useTranslation();
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description ?? t('common.noData')} />;
}
