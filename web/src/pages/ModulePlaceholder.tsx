import { ToolOutlined } from '@ant-design/icons';
import { Button, Card, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { MODULES } from '../modules.tsx';

/** Page for a module that is not built yet: says so and what it will do. */
export function ModulePlaceholder({ moduleKey }: { moduleKey: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const mod = MODULES.find((m) => m.key === moduleKey);
  return (
    <div className="qs-page">
      <Card className="qs-card" data-testid="module-placeholder">
        <Result
          icon={<div className="qs-placeholder-icon">{mod?.icon ?? <ToolOutlined />}</div>}
          title={t(`modules.${moduleKey}.name`)}
          subTitle={
            <div className="qs-placeholder-text">
              <Typography.Text strong className="qs-placeholder-status">
                <ToolOutlined /> {t('modules.underConstruction')}
              </Typography.Text>
              <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                {t(`modules.${moduleKey}.description`)}
              </Typography.Paragraph>
            </div>
          }
          extra={
            <Button type="primary" onClick={() => void navigate('/dashboard')}>
              {t('common.backToDashboard')}
            </Button>
          }
        />
      </Card>
    </div>
  );
}
