// Page head of the 环境监测 pages, with the switch between sites, calculators and (for managers) import.
import { CalculatorOutlined, CloudUploadOutlined, EnvironmentOutlined, ExperimentOutlined } from '@ant-design/icons';
import { Segmented, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../auth.tsx';

export type MonitoringView = 'sites' | 'calculators' | 'import';

const PATHS: Record<MonitoringView, string> = { sites: '/monitoring', calculators: '/monitoring/calculators', import: '/monitoring/import' };
const ICONS: Record<MonitoringView, ReactNode> = { sites: <EnvironmentOutlined />, calculators: <CalculatorOutlined />, import: <CloudUploadOutlined /> };

export function MonitoringHeader({ view, title, description, extra }: { view?: MonitoringView; title?: ReactNode; description: ReactNode; extra?: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useAuth();
  const views: MonitoringView[] = can('monitoring.manage') ? ['sites', 'calculators', 'import'] : ['sites', 'calculators'];
  return (
    <div className="qs-page-head">
      <div>
        <Typography.Title level={4} className="qs-page-title" data-testid="monitoring-title">
          <ExperimentOutlined /> {title ?? t(`monitoring.nav.${view ?? 'sites'}`)}
        </Typography.Title>
        <Typography.Text type="secondary">{description}</Typography.Text>
      </div>
      <div className="qs-page-head-extra">
        {extra}
        <Segmented<MonitoringView | ''>
          value={view ?? ''}
          onChange={(v) => v && void navigate(PATHS[v])}
          options={views.map((v) => ({ value: v, label: t(`monitoring.nav.${v}`), icon: ICONS[v] }))}
          data-testid="monitoring-nav"
        />
      </div>
    </div>
  );
}
