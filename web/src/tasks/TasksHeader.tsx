// Page head of the task supervision pages, with the switch between the board, the inbox and the timeline.
import { AppstoreOutlined, FieldTimeOutlined, InboxOutlined, ScheduleOutlined } from '@ant-design/icons';
import { Segmented, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

export type TasksView = 'board' | 'inbox' | 'timeline';

const PATHS: Record<TasksView, string> = { board: '/tasks', inbox: '/tasks/inbox', timeline: '/tasks/timeline' };

export function TasksHeader({ view, description, extra }: { view: TasksView; description: string; extra?: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="qs-page-head">
      <div>
        <Typography.Title level={4} className="qs-page-title">
          <ScheduleOutlined /> {t(`tasks.${view}.title`)}
        </Typography.Title>
        <Typography.Text type="secondary">{description}</Typography.Text>
      </div>
      <div className="qs-page-head-extra">
        {extra}
        <Segmented<TasksView>
          value={view}
          onChange={(v) => void navigate(PATHS[v])}
          options={[
            { value: 'board', label: t('tasks.board.title'), icon: <AppstoreOutlined /> },
            { value: 'inbox', label: t('tasks.inbox.title'), icon: <InboxOutlined /> },
            { value: 'timeline', label: t('tasks.timeline.title'), icon: <FieldTimeOutlined /> },
          ]}
          data-testid="tasks-nav"
        />
      </div>
    </div>
  );
}
