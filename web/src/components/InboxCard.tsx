// A card of things waiting for the user, above the task groups of 我的待办 and on the pages they come
// from: an icon and title, an optional link to all of them, a hint, and the items.
import { Card, List } from 'antd';
import type { ReactNode } from 'react';

export function InboxCard<T>({
  icon,
  title,
  extra,
  hint,
  items,
  renderItem,
  testId,
}: {
  icon: ReactNode;
  title: ReactNode;
  extra?: ReactNode;
  hint?: ReactNode;
  items: readonly T[];
  renderItem: (item: T) => ReactNode;
  testId: string;
}) {
  return (
    <Card
      className="qs-card"
      size="small"
      style={{ marginBottom: 16 }}
      title={
        <span>
          <span className="qs-card-title-icon">{icon}</span>
          {title}
        </span>
      }
      extra={extra}
      data-testid={testId}
    >
      {hint}
      <List size="small" dataSource={[...items]} renderItem={renderItem} />
    </Card>
  );
}
