// The table of 督办事项 used by the board and the inbox: a row opens the item page.
import { Progress, Table, Tooltip, Typography } from 'antd';
import type { TablePaginationConfig, TableProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ColourLabel, DeadlineCell, RefCell, StateTag, UnitTags } from './labels.tsx';
import type { TaskItem } from './types.ts';

export function TaskTable({
  items,
  loading,
  pagination,
  emptyText,
  testId,
}: {
  items: TaskItem[];
  loading?: boolean;
  pagination: TablePaginationConfig | false;
  emptyText?: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const open = (item: TaskItem) => void navigate(`/tasks/items/${item.id}`);

  const columns: TableProps<TaskItem>['columns'] = [
    {
      title: t('tasks.fields.ref'),
      key: 'ref',
      width: 110,
      render: (_, item) => <RefCell item={item} />,
    },
    {
      title: t('tasks.fields.title'),
      key: 'title',
      render: (_, item) => (
        <div className="qs-task-title-cell">
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: item.title }} className="qs-task-title" style={{ marginBottom: 2 }}>
            <a
              href={`/tasks/items/${item.id}`}
              onClick={(e) => {
                e.preventDefault();
                e.stopPropagation();
                open(item);
              }}
              data-testid="task-link"
            >
              {item.title}
            </a>
          </Typography.Paragraph>
          <Typography.Text type="secondary" className="qs-small">
            {item.clause}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('tasks.fields.units'),
      key: 'units',
      width: 260,
      render: (_, item) => <UnitTags units={item.units} max={2} />,
    },
    {
      title: t('tasks.fields.deadline'),
      key: 'deadline',
      width: 140,
      render: (_, item) => <DeadlineCell item={item} />,
    },
    {
      title: t('tasks.fields.state'),
      key: 'state',
      width: 104,
      render: (_, item) => (
        <div>
          <StateTag state={item.state} />
          {item.progress !== null && (
            <Tooltip title={t('tasks.progressValue', { progress: item.progress })}>
              <Progress percent={item.progress} size="small" showInfo={false} className="qs-row-progress" />
            </Tooltip>
          )}
        </div>
      ),
    },
    {
      title: t('tasks.fields.colour'),
      key: 'colour',
      width: 230,
      render: (_, item) => <ColourLabel colour={item.colour} reasons={item.reasons} />,
    },
  ];

  return (
    <Table<TaskItem>
      rowKey="id"
      size="middle"
      loading={loading}
      columns={columns}
      dataSource={items}
      pagination={pagination}
      scroll={{ x: 1100 }}
      rowClassName={(item) => `qs-clickable-row qs-row-${item.colour}`}
      onRow={(item) => ({ onClick: () => open(item) })}
      locale={emptyText ? { emptyText } : undefined}
      data-testid={testId}
    />
  );
}
