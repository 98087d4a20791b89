import { AuditOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { actionColor, DiffTable, useOrganisationNames } from '../components/HistoryDrawer.tsx';
import { EmptyState, ErrorState } from '../components/States.tsx';
import { RefreshButton, serverPagination, StatusFilter } from '../components/ListControls.tsx';
import { formatDateTime } from '../format.ts';
import { useAsync } from '../hooks.ts';
import type { AuditEntry, AuditVerify, Page, User } from '../types.ts';

const KNOWN_ENTITIES = ['user', 'organisation', 'api_token', 'system'];

export function AuditPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [entity, setEntity] = useState<string | undefined>();
  const [actorId, setActorId] = useState<number | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);

  const { data, error, loading, reload } = useAsync(
    () => api.get<Page<AuditEntry>>('/api/audit', { entity, actorId, page, pageSize }),
    [entity, actorId, page, pageSize],
  );
  const lookups = useOrganisationNames();
  const canUsers = can('users.read');
  const users = useAsync(
    () => (canUsers ? api.get<Page<User>>('/api/users', { page: 1, pageSize: 100 }) : Promise.resolve(undefined)),
    [canUsers],
  );
  const actorOptions = useMemo(
    () => (users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` })),
    [users.data],
  );
  const entityOptions = useMemo(() => {
    const seen = new Set(KNOWN_ENTITIES);
    for (const e of data?.items ?? []) seen.add(e.entity);
    return [...seen].map((e) => ({ value: e, label: t(`audit.entities.${e}`, { defaultValue: e }) }));
  }, [data, t]);

  const [verifying, setVerifying] = useState(false);
  const [verify, setVerify] = useState<AuditVerify | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);
  const runVerify = async () => {
    setVerifying(true);
    setVerifyError(null);
    try {
      setVerify(await api.get<AuditVerify>('/api/audit/verify'));
    } catch (e) {
      setVerify(null);
      setVerifyError(e);
    } finally {
      setVerifying(false);
    }
  };

  const columns: TableProps<AuditEntry>['columns'] = [
    { title: t('audit.id'), dataIndex: 'id', width: 80 },
    { title: t('audit.at'), dataIndex: 'at', width: 180, render: (v: string) => formatDateTime(v) },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      width: 140,
      render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 150,
      render: (a: string) => <Tag color={actionColor(a)}>{t(`audit.actions.${a}`, { defaultValue: a })}</Tag>,
    },
    {
      title: t('audit.entity'),
      dataIndex: 'entity',
      render: (e: string, r) => (
        <span>
          {t(`audit.entities.${e}`, { defaultValue: e })}
          {r.entityId !== null && r.entityId !== undefined && (
            <Typography.Text type="secondary"> #{String(r.entityId)}</Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: t('audit.hash'),
      dataIndex: 'hash',
      width: 130,
      render: (h: string) => (
        <Tooltip title={h}>
          <Typography.Text code className="qs-hash">
            {h ? h.slice(0, 10) : '—'}
          </Typography.Text>
        </Tooltip>
      ),
    },
  ];

  return (
    <div className="qs-page">
      <div className="qs-page-head">
        <div>
          <Typography.Title level={4} className="qs-page-title">
            <AuditOutlined /> {t('modules.audit.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('modules.audit.description')}</Typography.Text>
        </div>
        {can('audit.verify') && (
        <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void runVerify()} data-testid="audit-verify">
          {t('audit.verify')}
        </Button>
        )}
      </div>
      {verify && (
        <Alert
          style={{ marginBottom: 16 }}
          type={verify.intact ? 'success' : 'error'}
          showIcon
          closable={{ onClose: () => setVerify(null) }}
          data-testid="audit-verify-result"
          title={verify.intact ? t('audit.intact', { count: verify.entries }) : t('audit.broken', { count: verify.entries })}
          description={
            !verify.intact && verify.firstBroken
              ? t('audit.firstBroken', { id: verify.firstBroken.id, reason: verify.firstBroken.reason })
              : undefined
          }
        />
      )}
      {verifyError !== null && (
        <Alert
          style={{ marginBottom: 16 }}
          type="error"
          showIcon
          title={isApiError(verifyError) ? verifyError.title : t('errors.unexpected')}
          description={isApiError(verifyError) ? verifyError.detail : undefined}
        />
      )}
      <Card className="qs-card">
        <div className="qs-toolbar">
          <Select
            allowClear
            placeholder={t('audit.filterEntity')}
            options={entityOptions}
            value={entity}
            onChange={(v?: string) => {
              setEntity(v);
              setPage(1);
            }}
            style={{ width: 180 }}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('audit.filterActor')}
            options={actorOptions}
            loading={users.loading}
            value={actorId}
            onChange={(v?: number) => {
              setActorId(v);
              setPage(1);
            }}
            style={{ width: 240 }}
          />
          <div className="qs-toolbar-spacer" />
          <RefreshButton onClick={reload} />
        </div>
        {error && !loading ? (
          <ErrorState error={error} onRetry={reload} />
        ) : (
          <Table<AuditEntry>
            rowKey="id"
            size="middle"
            loading={loading}
            columns={columns}
            dataSource={data?.items ?? []}
            expandable={{
              expandedRowRender: (r) => <DiffTable before={r.before} after={r.after} lookups={lookups} />,
              rowExpandable: (r) => !!(r.before || r.after),
            }}
            locale={{ emptyText: <EmptyState description={t('audit.empty')} /> }}
            pagination={serverPagination(t, { page, pageSize, total: data?.total ?? 0, sizes: [20, 50, 100] }, { page: setPage, pageSize: setPageSize })}
            data-testid="audit-table"
          />
        )}
      </Card>
    </div>
  );
}
