// Page head of 一张图: the map, the project screening, and the coordinator's layers and rules, one switch apart.
import { AuditOutlined, DatabaseOutlined, EnvironmentOutlined, FileSearchOutlined, GlobalOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth.tsx';
import { ModuleHeader, type ModuleView } from '../components/ModuleHeader.tsx';

export type SpatialView = 'map' | 'screening' | 'layers' | 'rules';

export function SpatialHeader({ current, extra }: { current: SpatialView | undefined; extra?: ReactNode }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const views: ModuleView<SpatialView>[] = [{ value: 'map', label: t('spatial.views.map'), icon: <GlobalOutlined />, path: '/map' }];
  if (can('spatial.screen')) views.push({ value: 'screening', label: t('spatial.views.screening'), icon: <FileSearchOutlined />, path: '/map/screening' });
  views.push({ value: 'layers', label: t('spatial.views.layers'), icon: <DatabaseOutlined />, path: '/map/layers' });
  views.push({ value: 'rules', label: t('spatial.views.rules'), icon: <AuditOutlined />, path: '/map/rules' });
  return (
    <ModuleHeader
      icon={<EnvironmentOutlined />}
      title={
        current === 'layers' || current === 'rules'
          ? t(`spatial.${current}.pageTitle`)
          : current === 'screening' || current === undefined
            ? t('spatial.screening.title')
            : t('modules.map.name')
      }
      description={
        current === 'layers' || current === 'rules'
          ? t(`spatial.${current}.pageDescription`)
          : current === 'map'
            ? t('spatial.map.description')
            : t('spatial.screening.description')
      }
      views={views}
      current={current}
      extra={extra}
      testId="spatial-views"
      titleTestId="spatial-title"
    />
  );
}
