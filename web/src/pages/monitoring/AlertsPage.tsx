// 监测预警: the alerts raised from the monitoring data (heavy air pollution, sections below target,
// drinking-water exceedances, silent stations), filtered by state, kind and district. The answerable
// unit acknowledges one; a task manager opens a 督办 item for it and lands on the item's page.
import { AlertOutlined, CheckOutlined, ClearOutlined, FileDoneOutlined, ScanOutlined, SendOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api.ts';
import { useAuth, useCurrentUser } from '../../auth.tsx';
import { RefreshButton, serverPagination } from '../../components/ListControls.tsx';
import { describeError, EmptyState, ErrorState } from '../../components/States.tsx';
import { useAsync, useUrlFilters } from '../../hooks.ts';
import {
  ALERT_KINDS,
  ALERT_STATUSES,
  AlertKindTag,
  alertDetailWords,
  durationWords,
  type AlertKind,
  type AlertStatus,
  type MonitoringAlert,
} from '../../monitoring/alerts.tsx';
import { stampOf } from '../../monitoring/seriesChart.ts';
import { MonitoringHeader } from '../../monitoring/MonitoringHeader.tsx';
import '../../monitoring/monitoring.css';
import { loadAllSites, sitePath } from '../../monitoring/sites.ts';
import type { Page } from '../../types.ts';

const PAGE_SIZES = [10, 20, 50, 100];

export function AlertsPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const { can } = useAuth();
  const user = useCurrentUser();
  const { params, update, clear } = useUrlFilters();
  const statusParam = params.get('status');
  const status: AlertStatus = (ALERT_STATUSES as readonly string[]).includes(statusParam ?? '') ? (statusParam as AlertStatus) : 'open';
  const kindParam = params.get('kind');
  const kind = (ALERT_KINDS as readonly string[]).includes(kindParam ?? '') ? (kindParam as AlertKind) : undefined;
  const district = Number(params.get('district')) || undefined;
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('size') ?? 20) || 20;
  const [busy, setBusy] = useState<string | null>(null);

  const { data, error, loading, reload } = useAsync(
    () => api.get<Page<MonitoringAlert>>('/api/monitoring/alerts', { status, kind, districtId: district, page, pageSize }),
    [status, kind, district, page, pageSize],
  );
  const sites = useAsync(loadAllSites, []);
  const districts = useMemo(() => {
    const byId = new Map((sites.data ?? []).map((s) => [s.districtId, s.districtName]));
    return [...byId.entries()].sort((a, b) => a[1].localeCompare(b[1], 'zh-CN')).map(([value, label]) => ({ value, label }));
  }, [sites.data]);
  const filtered = !!(kind || district || status !== 'open');

  const run = async (key: string, work: () => Promise<void>) => {
    setBusy(key);
    try {
      await work();
    } catch (e) {
      const { title, detail } = describeError(e, t('errors.unexpected'));
      void message.error(detail ? `${title}: ${detail}` : title);
    } finally {
      setBusy(null);
    }
  };
  const scan = () =>
    run('scan', async () => {
      const result = await api.post<{ opened: number; updated: number; closed: number; open: number }>('/api/monitoring/alerts/scan');
      void message.success(t('monitoring.alerts.scanned', result));
      reload();
    });
  const acknowledge = (alert: MonitoringAlert) =>
    run(`ack-${alert.id}`, async () => {
      await api.post(`/api/monitoring/alerts/${alert.id}/acknowledge`);
      void message.success(t('monitoring.alerts.acknowledged'));
      reload();
    });
  const supervise = (alert: MonitoringAlert) =>
    run(`supervise-${alert.id}`, async () => {
      const { taskItemId } = await api.post<{ taskItemId: number; created: boolean }>(`/api/monitoring/alerts/${alert.id}/supervise`, {});
      void navigate(`/tasks/items/${taskItemId}`);
    });
  const mayAcknowledge = (alert: MonitoringAlert) => can('monitoring.manage') || user.organisationId === alert.organisation.id;

  const columns: TableProps<MonitoringAlert>['columns'] = [
    { title: t('monitoring.alerts.columns.kind'), key: 'kind', width: 130, render: (_, a) => <AlertKindTag kind={a.kind} /> },
    {
      title: t('monitoring.alerts.columns.site'),
      key: 'site',
      width: 210,
      render: (_, a) => (
        <div>
          <Link to={sitePath(a.site)} data-testid="alert-site">
            {a.site.name}
          </Link>
          <div className="qs-muted qs-small">
            {a.site.code} · {a.site.districtName}
          </div>
        </div>
      ),
    },
    { title: t('monitoring.alerts.columns.organisation'), key: 'organisation', width: 130, render: (_, a) => <span data-testid="alert-organisation">{a.organisation.name}</span> },
    {
      title: t('monitoring.alerts.columns.time'),
      key: 'time',
      width: 200,
      render: (_, a) => (
        <div className="qs-small">
          <div>{t('monitoring.alerts.since', { at: stampOf(a.openedAt) })}</div>
          <div className="qs-muted">{t('monitoring.alerts.lastSeen', { at: stampOf(a.lastSeenAt) })}</div>
          <div className="qs-muted">
            {a.closedAt ? t('monitoring.alerts.closedAt', { at: stampOf(a.closedAt) }) : null}
            {a.closedAt ? ' · ' : ''}
            {t('monitoring.alerts.lasted', { duration: durationWords(t, a.durationHours) })}
          </div>
        </div>
      ),
    },
    {
      title: t('monitoring.alerts.columns.detail'),
      key: 'detail',
      render: (_, a) => (
        <div>
          <div data-testid="alert-detail">{alertDetailWords(t, a)}</div>
          <Space size={4} wrap style={{ marginTop: 4 }}>
            {a.standard && <Tag data-testid="alert-standard">{t('monitoring.alerts.standard', { standard: a.standard })}</Tag>}
            {a.demo && (
              <Tooltip title={t('monitoring.sites.demoHint')}>
                <Tag className="qs-mon-demo" data-testid="alert-demo">
                  {t('monitoring.sites.demo')}
                </Tag>
              </Tooltip>
            )}
            {a.closedAt && <Tag color="success">{t('monitoring.alerts.closed')}</Tag>}
          </Space>
        </div>
      ),
    },
    {
      title: t('monitoring.alerts.columns.actions'),
      key: 'actions',
      width: 190,
      render: (_, a) => (
        <Space direction="vertical" size={4}>
          {a.acknowledgedAt ? (
            <Typography.Text type="secondary" className="qs-small" data-testid="alert-acknowledged">
              <CheckOutlined /> {t('monitoring.alerts.acknowledgedBy', { name: a.acknowledgedBy?.name ?? '', at: stampOf(a.acknowledgedAt) })}
            </Typography.Text>
          ) : (
            !a.closedAt &&
            mayAcknowledge(a) && (
              <Button size="small" icon={<CheckOutlined />} loading={busy === `ack-${a.id}`} onClick={() => void acknowledge(a)} data-testid="alert-acknowledge">
                {t('monitoring.alerts.acknowledge')}
              </Button>
            )
          )}
          {a.taskItemId !== null ? (
            <Link to={`/tasks/items/${a.taskItemId}`} data-testid="alert-task-link">
              <FileDoneOutlined /> {t('monitoring.alerts.taskItem')}
            </Link>
          ) : (
            can('tasks.manage') && (
              <Button size="small" type="primary" icon={<SendOutlined />} loading={busy === `supervise-${a.id}`} onClick={() => void supervise(a)} data-testid="alert-supervise">
                {t('monitoring.alerts.supervise')}
              </Button>
            )
          )}
        </Space>
      ),
    },
  ];

  return (
    <div className="qs-page" data-testid="monitoring-alerts">
      <MonitoringHeader view="alerts" description={t('monitoring.alerts.description')} />
      <Card className="qs-card">
        <div className="qs-toolbar qs-toolbar-dense">
          <Segmented<AlertStatus>
            value={status}
            onChange={(v) => update({ status: v === 'open' ? undefined : v })}
            options={ALERT_STATUSES.map((s) => ({ value: s, label: t(`monitoring.alerts.statuses.${s}`) }))}
            data-testid="alert-filter-status"
          />
          <Select<AlertKind>
            allowClear
            placeholder={t('monitoring.alerts.filterKind')}
            value={kind}
            onChange={(v?: AlertKind) => update({ kind: v })}
            options={ALERT_KINDS.map((k) => ({ value: k, label: t(`monitoring.alerts.kinds.${k}`) }))}
            style={{ width: 180 }}
            data-testid="alert-filter-kind"
          />
          <Select<number>
            allowClear
            placeholder={t('monitoring.sites.filterDistrict')}
            value={district}
            onChange={(v?: number) => update({ district: v })}
            options={districts}
            style={{ width: 160 }}
            data-testid="alert-filter-district"
          />
          <div className="qs-toolbar-spacer" />
          {filtered && (
            <Tooltip title={t('monitoring.sites.clearFilters')}>
              <Button icon={<ClearOutlined />} aria-label={t('monitoring.sites.clearFilters')} onClick={() => clear()} />
            </Tooltip>
          )}
          {can('monitoring.manage') && (
            <Button icon={<ScanOutlined />} loading={busy === 'scan'} onClick={() => void scan()} data-testid="alert-scan">
              {t('monitoring.alerts.scan')}
            </Button>
          )}
          <RefreshButton onClick={reload} />
        </div>
        {error && !loading ? (
          <ErrorState error={error} onRetry={reload} />
        ) : (
          <Table<MonitoringAlert>
            rowKey="id"
            size="middle"
            loading={loading}
            dataSource={data?.items ?? []}
            columns={columns}
            locale={{
              emptyText: (
                <EmptyState description={status === 'open' && !kind && !district ? t('monitoring.alerts.emptyOpen') : t('monitoring.alerts.noMatch')} />
              ),
            }}
            onRow={(a) => ({ 'data-testid': 'alert-row', 'data-kind': a.kind, 'data-code': a.site.code }) as HTMLAttributes<HTMLElement>}
            pagination={serverPagination(
              t,
              { page, pageSize, total: data?.total ?? 0, sizes: PAGE_SIZES },
              { page: (p) => update({ page: p === 1 ? undefined : p }), pageSize: (size) => update({ size }) },
            )}
            data-testid="alert-table"
          />
        )}
      </Card>
      <Typography.Paragraph type="secondary" className="qs-small" style={{ marginTop: 12 }}>
        <AlertOutlined /> {t('monitoring.alerts.rulesNote')}
      </Typography.Paragraph>
    </div>
  );
}
