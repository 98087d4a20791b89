// 企业排放: the enterprises the user may see (an enterprise user its own, a district user those of
// its district), each with its outlets and open exceedance events; emissions managers register new
// ones. A row opens the enterprise's page.
import { PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { RefreshButton, serverPagination } from '../../components/ListControls.tsx';
import { EmptyState, ErrorState } from '../../components/States.tsx';
import { useAsync, useUrlFilters } from '../../hooks.ts';
import type { Organisation, Page } from '../../types.ts';
import { ExceedanceInboxCard } from './ExceedanceInboxCard.tsx';
import { FormModal } from './FormModal.tsx';
import type { Enterprise, Exceedance } from './types.ts';

const PAGE_SIZES = [10, 20, 50, 100];
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

interface EnterpriseFormValues {
  name: string;
  creditCode?: string;
  districtId: number;
  industry?: string;
  address?: string;
}

export function EnterprisesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useAuth();
  const { params, update } = useUrlFilters();
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('size') ?? 20) || 20;
  const [creating, setCreating] = useState(false);

  const { data, error, loading, reload } = useAsync(() => api.get<Page<Enterprise>>('/api/emissions/enterprises', { q: q || undefined, page, pageSize }), [q, page, pageSize]);
  const inbox = useAsync(() => api.get<{ exceedances: Exceedance[] }>('/api/emissions/inbox').then((r) => r.exceedances), []);
  const districts = useAsync(
    () => (can('emissions.manage') ? api.get<Page<Organisation>>('/api/organisations', { kind: 'district', pageSize: 200 }).then((p) => p.items) : Promise.resolve([])),
    [],
  );

  const columns: TableProps<Enterprise>['columns'] = [
    {
      title: t('emissions.columns.name'),
      key: 'name',
      render: (_, e) => (
        <div>
          <Link to={`/emissions/enterprises/${e.id}`} data-testid="enterprise-link">
            {e.name}
          </Link>
          {e.creditCode && <div className="qs-muted qs-small">{e.creditCode}</div>}
        </div>
      ),
    },
    { title: t('emissions.columns.district'), key: 'district', width: 140, render: (_, e) => e.district.name },
    { title: t('emissions.columns.industry'), key: 'industry', width: 160, render: (_, e) => e.industry ?? '—' },
    { title: t('emissions.columns.outlets'), key: 'outlets', width: 100, render: (_, e) => e.outlets },
    {
      title: t('emissions.columns.openExceedances'),
      key: 'open',
      width: 140,
      render: (_, e) =>
        e.openExceedances > 0 ? (
          <Tag color="error" data-testid="enterprise-open">
            {t('emissions.openCount', { count: e.openExceedances })}
          </Tag>
        ) : (
          <Tag color="success">{t('emissions.noneOpen')}</Tag>
        ),
    },
  ];

  return (
    <div className="qs-page" data-testid="emissions-page">
      <div className="qs-page-head">
        <div>
          <Typography.Title level={4} className="qs-page-title">
            <SafetyCertificateOutlined /> {t('modules.emissions.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('modules.emissions.description')}</Typography.Text>
        </div>
        {can('emissions.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="enterprise-create">
            {t('emissions.createEnterprise')}
          </Button>
        )}
      </div>
      {(inbox.data?.length ?? 0) > 0 && <ExceedanceInboxCard events={inbox.data!} />}
      <Card className="qs-card" size="small">
        <div className="qs-toolbar">
          <Input.Search
            allowClear
            defaultValue={q}
            placeholder={t('emissions.searchPlaceholder')}
            onSearch={(v) => update({ q: v.trim() || undefined, page: undefined })}
            style={{ width: 300 }}
            data-testid="enterprise-search"
          />
          <div className="qs-toolbar-spacer" />
          <RefreshButton onClick={reload} />
        </div>
        {error && !loading ? (
          <ErrorState error={error} onRetry={reload} />
        ) : (
          <Table<Enterprise>
            rowKey="id"
            size="middle"
            loading={loading}
            dataSource={data?.items ?? []}
            columns={columns}
            locale={{ emptyText: <EmptyState description={t('emissions.empty')} /> }}
            onRow={(e) => ({ 'data-testid': 'enterprise-row', 'data-name': e.name }) as HTMLAttributes<HTMLElement>}
            pagination={serverPagination(
              t,
              { page, pageSize, total: data?.total ?? 0, sizes: PAGE_SIZES },
              { page: (p) => update({ page: p === 1 ? undefined : p }), pageSize: (size) => update({ size }) },
            )}
            data-testid="enterprise-table"
          />
        )}
      </Card>
      {creating && (
        <FormModal<EnterpriseFormValues>
          title={t('emissions.createEnterprise')}
          testId="enterprise-modal"
          fields={['name', 'creditCode', 'districtId', 'industry', 'address']}
          onClose={() => setCreating(false)}
          submit={async (v) => {
            const created = await api.post<Enterprise>('/api/emissions/enterprises', {
              name: v.name.trim(),
              districtId: v.districtId,
              creditCode: v.creditCode?.trim() || null,
              industry: v.industry?.trim() || null,
              address: v.address?.trim() || null,
            });
            void navigate(`/emissions/enterprises/${created.id}`);
          }}
        >
          {() => (
            <>
              <Form.Item name="name" label={t('emissions.fields.name')} rules={[{ required: true, whitespace: true, message: t('emissions.fields.required') }]}>
                <Input maxLength={100} autoComplete="off" />
              </Form.Item>
              <Form.Item name="creditCode" label={t('emissions.fields.creditCode')} extra={t('emissions.fields.creditCodeHint')} rules={[{ pattern: CREDIT_CODE, message: t('emissions.fields.creditCodePattern') }]}>
                <Input maxLength={18} autoComplete="off" />
              </Form.Item>
              <Form.Item name="districtId" label={t('emissions.fields.district')} rules={[{ required: true, message: t('emissions.fields.required') }]}>
                <Select options={(districts.data ?? []).map((d) => ({ value: d.id, label: d.name }))} loading={districts.loading} data-testid="enterprise-district" />
              </Form.Item>
              <Form.Item name="industry" label={t('emissions.fields.industry')}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="address" label={t('emissions.fields.address')}>
                <Input maxLength={200} />
              </Form.Item>
            </>
          )}
        </FormModal>
      )}
    </div>
  );
}
