import { Button, Select, Tooltip, type TablePaginationConfig } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

export type StatusFilterValue = 'all' | 'true' | 'false';

/** Active / disabled / all, for lists of records that can be disabled. */
export function StatusFilter({ value, onChange }: { value: StatusFilterValue; onChange: (value: StatusFilterValue) => void }) {
  const { t } = useTranslation();
  return (
    <Select<StatusFilterValue>
      value={value}
      onChange={onChange}
      options={[
        { value: 'all', label: t('common.allStatuses') },
        { value: 'true', label: t('common.active') },
        { value: 'false', label: t('common.inactive') },
      ]}
      style={{ width: 130 }}
    />
  );
}

export function RefreshButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('common.refresh')}>
      <Button icon={<ReloadOutlined />} onClick={onClick} aria-label={t('common.refresh')} />
    </Tooltip>
  );
}

/** Server-side paging: a new page size starts again at page 1. */
export function serverPagination(
  t: TFunction,
  state: { page: number; pageSize: number; total: number; sizes: number[] },
  set: { page: (page: number) => void; pageSize: (size: number) => void },
): TablePaginationConfig {
  return {
    current: state.page,
    pageSize: state.pageSize,
    total: state.total,
    showSizeChanger: true,
    pageSizeOptions: state.sizes,
    showTotal: (total) => t('common.totalItems', { count: total }),
    onChange: (page, size) => {
      if (size !== state.pageSize) {
        set.pageSize(size);
        set.page(1);
      } else set.page(page);
    },
  };
}
