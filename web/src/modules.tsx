// The platform's modules (navigation). Labels and descriptions live in the message files
// under modules.<key>.name / modules.<key>.description.
import {
  AimOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BorderInnerOutlined,
  CloudOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  ExperimentOutlined,
  FileSearchOutlined,
  MessageOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Capability } from './permissions.ts';

export interface ModuleDef {
  key: string;
  path: string;
  icon: ReactNode;
  /** Not built yet: shows the "under construction" page. */
  placeholder: boolean;
  capability?: Capability;
}

export const MODULES: ModuleDef[] = [
  { key: 'dashboard', path: '/dashboard', icon: <DashboardOutlined />, placeholder: false },
  { key: 'targets', path: '/targets', icon: <AimOutlined />, placeholder: false, capability: 'targets.read' },
  { key: 'tasks', path: '/tasks', icon: <ScheduleOutlined />, placeholder: false, capability: 'tasks.read' },
  { key: 'monitoring', path: '/monitoring', icon: <ExperimentOutlined />, placeholder: false, capability: 'monitoring.read' },
  { key: 'emissions', path: '/emissions', icon: <SafetyCertificateOutlined />, placeholder: false, capability: 'emissions.read' },
  { key: 'pollution', path: '/pollution-sources', icon: <FileSearchOutlined />, placeholder: true },
  { key: 'map', path: '/map', icon: <EnvironmentOutlined />, placeholder: false, capability: 'spatial.read' },
  { key: 'petitions', path: '/petitions', icon: <MessageOutlined />, placeholder: true },
  { key: 'emergency', path: '/emergency', icon: <AlertOutlined />, placeholder: true },
  { key: 'carbon', path: '/carbon', icon: <CloudOutlined />, placeholder: true },
];

export const SYSTEM_ICON = <SettingOutlined />;

export const SYSTEM_MODULES: ModuleDef[] = [
  { key: 'users', path: '/system/users', icon: <TeamOutlined />, placeholder: false, capability: 'users.read' },
  {
    key: 'organisations',
    path: '/system/organisations',
    icon: <ApartmentOutlined />,
    placeholder: false,
    capability: 'orgs.read',
  },
  { key: 'grids', path: '/system/grids', icon: <BorderInnerOutlined />, placeholder: false, capability: 'grids.read' },
  { key: 'audit', path: '/system/audit', icon: <AuditOutlined />, placeholder: false, capability: 'audit.read' },
];
