// Page head of 一张图: the map and the project screening, one switch apart.
import { EnvironmentOutlined, FileSearchOutlined, GlobalOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth.tsx';
import { ModuleHeader, type ModuleView } from '../components/ModuleHeader.tsx';

export type SpatialView = 'map' | 'screening';

export function SpatialHeader({ current, extra }: { current: SpatialView | undefined; extra?: ReactNode }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const views: ModuleView<SpatialView>[] = [{ value: 'map', label: t('spatial.views.map'), icon: <GlobalOutlined />, path: '/map' }];
  if (can('spatial.screen')) views.push({ value: 'screening', label: t('spatial.views.screening'), icon: <FileSearchOutlined />, path: '/map/screening' });
  return (
    <ModuleHeader
      icon={<EnvironmentOutlined />}
      title={current === 'screening' || current === undefined ? t('spatial.screening.title') : t('modules.map.name')}
      description={current === 'map' ? t('spatial.map.description') : t('spatial.screening.description')}
      views={views}
      current={current}
      extra={extra}
      testId="spatial-views"
      titleTestId="spatial-title"
    />
  );
}
