// Page head of the 目标指标 pages, with the switch between the scorecard and the indicator list.
import { AimOutlined, TableOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Segmented, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

export type TargetsView = 'scorecard' | 'indicators';

const PATHS: Record<TargetsView, string> = { scorecard: '/targets', indicators: '/targets/indicators' };

export function TargetsHeader({ view, description, extra }: { view: TargetsView; description: string; extra?: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="qs-page-head">
      <div>
        <Typography.Title level={4} className="qs-page-title">
          <AimOutlined /> {t(`targets.${view}.title`)}
        </Typography.Title>
        <Typography.Text type="secondary">{description}</Typography.Text>
      </div>
      <div className="qs-page-head-extra">
        {extra}
        <Segmented<TargetsView>
          value={view}
          onChange={(v) => void navigate(PATHS[v])}
          options={[
            { value: 'scorecard', label: t('targets.scorecard.title'), icon: <TableOutlined /> },
            { value: 'indicators', label: t('targets.indicators.title'), icon: <UnorderedListOutlined /> },
          ]}
          data-testid="targets-nav"
        />
      </div>
    </div>
  );
}
