// Page head of the task supervision pages, with the switch between the board, the inbox and the timeline.
import { AppstoreOutlined, FieldTimeOutlined, InboxOutlined, ScheduleOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ModuleHeader } from '../components/ModuleHeader.tsx';

export type TasksView = 'board' | 'inbox' | 'timeline';

export function TasksHeader({ view, description, extra }: { view: TasksView; description: string; extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <ModuleHeader<TasksView>
      icon={<ScheduleOutlined />}
      title={t(`tasks.${view}.title`)}
      description={description}
      extra={extra}
      current={view}
      testId="tasks-nav"
      views={[
        { value: 'board', label: t('tasks.board.title'), icon: <AppstoreOutlined />, path: '/tasks' },
        { value: 'inbox', label: t('tasks.inbox.title'), icon: <InboxOutlined />, path: '/tasks/inbox' },
        { value: 'timeline', label: t('tasks.timeline.title'), icon: <FieldTimeOutlined />, path: '/tasks/timeline' },
      ]}
    />
  );
}
