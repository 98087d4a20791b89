// Page head of the 目标指标 pages, with the switch between the scorecard and the indicator list.
import { AimOutlined, TableOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ModuleHeader } from '../components/ModuleHeader.tsx';

export type TargetsView = 'scorecard' | 'indicators';

export function TargetsHeader({ view, description, extra }: { view: TargetsView; description: string; extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <ModuleHeader<TargetsView>
      icon={<AimOutlined />}
      title={t(`targets.${view}.title`)}
      description={description}
      extra={extra}
      current={view}
      testId="targets-nav"
      views={[
        { value: 'scorecard', label: t('targets.scorecard.title'), icon: <TableOutlined />, path: '/targets' },
        { value: 'indicators', label: t('targets.indicators.title'), icon: <UnorderedListOutlined />, path: '/targets/indicators' },
      ]}
    />
  );
}
