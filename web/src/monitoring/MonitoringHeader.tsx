// Page head of the 环境监测 pages, with the switch between sites, calculators and (for managers) import.
import { ApiOutlined, AlertOutlined, AreaChartOutlined, BarChartOutlined, CalculatorOutlined, CloudUploadOutlined, DashboardOutlined, EnvironmentOutlined, ExperimentOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth.tsx';
import { ModuleHeader, type ModuleView } from '../components/ModuleHeader.tsx';

export type MonitoringView = 'sites' | 'air' | 'evaluation' | 'water' | 'drinking' | 'alerts' | 'calculators' | 'import' | 'gateway';

export function MonitoringHeader({ view, title, description, extra }: { view?: MonitoringView; title?: ReactNode; description: ReactNode; extra?: ReactNode }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const views: ModuleView<MonitoringView>[] = [
    { value: 'sites', label: t('monitoring.nav.sites'), icon: <EnvironmentOutlined />, path: '/monitoring' },
    { value: 'air', label: t('monitoring.nav.air'), icon: <DashboardOutlined />, path: '/monitoring/air' },
    { value: 'evaluation', label: t('monitoring.nav.evaluation'), icon: <BarChartOutlined />, path: '/monitoring/evaluation' },
    { value: 'water', label: t('monitoring.nav.water'), icon: <AreaChartOutlined />, path: '/monitoring/water' },
    { value: 'drinking', label: t('monitoring.nav.drinking'), icon: <SafetyCertificateOutlined />, path: '/monitoring/drinking-water' },
    { value: 'alerts', label: t('monitoring.nav.alerts'), icon: <AlertOutlined />, path: '/monitoring/alerts' },
    { value: 'calculators', label: t('monitoring.nav.calculators'), icon: <CalculatorOutlined />, path: '/monitoring/calculators' },
    { value: 'gateway', label: t('monitoring.nav.gateway'), icon: <ApiOutlined />, path: '/monitoring/gateway' },
    ...(can('monitoring.manage') ? [{ value: 'import' as const, label: t('monitoring.nav.import'), icon: <CloudUploadOutlined />, path: '/monitoring/import' }] : []),
  ];
  return (
    <ModuleHeader<MonitoringView>
      icon={<ExperimentOutlined />}
      title={title ?? t(`monitoring.nav.${view ?? 'sites'}`)}
      description={description}
      extra={extra}
      current={view}
      views={views}
      testId="monitoring-nav"
      titleTestId="monitoring-title"
    />
  );
}
