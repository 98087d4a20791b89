// Page head of a module's pages: its icon and title, a description, and a switch between the
// module's views (each a path); the module headers (tasks, targets, monitoring) say only what differs.
import { Segmented, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';

export interface ModuleView<V extends string> {
  value: V;
  label: string;
  icon: ReactNode;
  path: string;
}

export function ModuleHeader<V extends string>(props: {
  icon: ReactNode;
  title: ReactNode;
  description: ReactNode;
  extra?: ReactNode;
  views: readonly ModuleView<V>[];
  /** None of the views when the page is not one of them (e.g. a record's page). */
  current: V | undefined;
  testId: string;
  titleTestId?: string;
}) {
  const navigate = useNavigate();
  const paths = new Map(props.views.map((v) => [v.value as string, v.path]));
  return (
    <div className="qs-page-head">
      <div>
        <Typography.Title level={4} className="qs-page-title" data-testid={props.titleTestId}>
          {props.icon} {props.title}
        </Typography.Title>
        <Typography.Text type="secondary">{props.description}</Typography.Text>
      </div>
      <div className="qs-page-head-extra">
        {props.extra}
        <Segmented<string>
          value={props.current ?? ''}
          onChange={(v) => {
            const path = paths.get(v);
            if (path) void navigate(path);
          }}
          options={props.views.map((v) => ({ value: v.value, label: v.label, icon: v.icon }))}
          data-testid={props.testId}
        />
      </div>
    </div>
  );
}
