// 数据采集网关: whether the HJ 212 gateway runs, its devices online or offline with their last packet,
// packets per hour and malformed packets; a device's drawer shows its latest values, last malformed
// packets and the clock commands (读取时钟 / 校准时钟). Managers register and edit devices.
import { ApiOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { RefreshButton, serverPagination } from '../../components/ListControls.tsx';
import { EmptyState, ErrorState } from '../../components/States.tsx';
import { useAsync, useDebounced, useUrlFilters } from '../../hooks.ts';
import { MonitoringHeader } from '../../monitoring/MonitoringHeader.tsx';
import '../../monitoring/monitoring.css';
import type { Page } from '../../types.ts';
import { GatewayDeviceDrawer } from './GatewayDeviceDrawer.tsx';
import { GatewayDeviceModal } from './GatewayDeviceModal.tsx';
import './gateway.css';
import { stamp, type GatewayDevice, type GatewayStatus } from './gatewayTypes.ts';

const PAGE_SIZES = [10, 20, 50, 100];
/** The gateway publishes every 5 s; the page follows at a calmer pace. */
const REFRESH_MS = 10_000;

function StatusBanner({ status }: { status: GatewayStatus | undefined }) {
  const { t } = useTranslation();
  if (!status) return null;
  const running = status.instances.filter((i) => i.running);
  if (running.length === 0) {
    const last = status.instances[0];
    return (
      <Alert
        type="warning"
        showIcon
        className="qs-gw-banner"
        data-testid="gateway-status"
        data-running="false"
        message={t('monitoring.gateway.notRunning')}
        description={last ? t('monitoring.gateway.lastStatus', { at: stamp(last.updatedAt) }) : t('monitoring.gateway.neverRan')}
      />
    );
  }
  const sum = (pick: (i: (typeof running)[number]) => number) => running.reduce((n, i) => n + pick(i), 0);
  const packets = sum((i) => Object.values(i.packets).reduce((a, b) => a + b, 0));
  return (
    <Alert
      type="success"
      showIcon
      className="qs-gw-banner"
      data-testid="gateway-status"
      data-running="true"
      message={t('monitoring.gateway.running', { ports: running.map((i) => i.port).join(', ') })}
      description={t('monitoring.gateway.runningDetail', {
        connections: sum((i) => i.connections),
        devices: sum((i) => i.devicesOnline),
        packets,
        malformed: sum((i) => i.malformed),
        since: stamp(running[running.length - 1]!.startedAt),
      })}
    />
  );
}

export function GatewayPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const manage = can('monitoring.manage');
  const { params, update } = useUrlFilters();
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('size') ?? 20) || 20;
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = useDebounced(search.trim(), 300);
  const [opened, setOpened] = useState<number | null>(null);
  const [editing, setEditing] = useState<GatewayDevice | 'new' | null>(null);

  const status = useAsync(() => api.get<GatewayStatus>('/api/gateway/status'), []);
  const devices = useAsync(() => api.get<Page<GatewayDevice>>('/api/gateway/devices', { q: q || undefined, page, pageSize }), [q, page, pageSize]);
  const reload = () => {
    status.reload();
    devices.reload();
  };
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q, page, pageSize]);

  const columns: TableProps<GatewayDevice>['columns'] = [
    {
      title: t('monitoring.gateway.columns.device'),
      key: 'device',
      render: (_, d) => (
        <div>
          <Typography.Link onClick={() => setOpened(d.id)} data-testid="gateway-device-open">
            {d.name || d.mn}
          </Typography.Link>
          <div className="qs-muted qs-small qs-gw-mono">{d.mn}</div>
        </div>
      ),
    },
    {
      title: t('monitoring.gateway.columns.owner'),
      key: 'owner',
      render: (_, d) =>
        d.site ? (
          <div>
            <div>{d.site.name}</div>
            <div className="qs-muted qs-small">{t('monitoring.gateway.airStation')} · {d.site.code}</div>
          </div>
        ) : (
          <div>
            <div>{d.outlet?.label}</div>
            <div className="qs-muted qs-small">{t('monitoring.gateway.outlet')}</div>
          </div>
        ),
    },
    {
      title: t('monitoring.gateway.columns.state'),
      key: 'state',
      width: 150,
      render: (_, d) => (
        <Space size={4} wrap>
          {d.online ? (
            <Tooltip title={d.address ? t('monitoring.gateway.connectedFrom', { address: d.address, since: stamp(d.connectedSince) }) : undefined}>
              <Tag color="success" data-testid="gateway-online">
                {t('monitoring.gateway.online')}
              </Tag>
            </Tooltip>
          ) : (
            <Tag data-testid="gateway-offline">{t('monitoring.gateway.offline')}</Tag>
          )}
          {!d.active && <Tag color="default">{t('monitoring.gateway.inactive')}</Tag>}
        </Space>
      ),
    },
    { title: t('monitoring.gateway.columns.lastSeen'), key: 'lastSeen', width: 170, render: (_, d) => <span data-testid="gateway-last-seen">{d.lastSeenAt ? stamp(d.lastSeenAt) : t('monitoring.gateway.never')}</span> },
    { title: t('monitoring.gateway.columns.packets'), key: 'packets', width: 110, align: 'right', render: (_, d) => <span data-testid="gateway-packets">{d.packetsLastHour}</span> },
    {
      title: t('monitoring.gateway.columns.malformed'),
      key: 'malformed',
      width: 100,
      align: 'right',
      render: (_, d) => (
        <span data-testid="gateway-malformed" className={d.malformedCount > 0 ? 'qs-gw-bad' : undefined}>
          {d.malformedCount}
        </span>
      ),
    },
    { title: t('monitoring.gateway.columns.version'), key: 'version', width: 110, render: (_, d) => `ST ${d.st}${d.version ? ` · ${d.version}` : ''}` },
    ...(manage
      ? [
          {
            title: t('monitoring.gateway.columns.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, d: GatewayDevice) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(d)} data-testid="gateway-device-edit">
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const empty = !devices.loading && !q && (devices.data?.total ?? 0) === 0;
  return (
    <div className="qs-page" data-testid="monitoring-gateway">
      <MonitoringHeader view="gateway" description={t('monitoring.gateway.description')} />
      <StatusBanner status={status.data} />
      <Card className="qs-card">
        <div className="qs-toolbar qs-toolbar-dense">
          <Input.Search
            allowClear
            placeholder={t('monitoring.gateway.search')}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              update({ q: e.target.value || undefined, page: undefined });
            }}
            style={{ width: 260 }}
            data-testid="gateway-search"
          />
          <div className="qs-toolbar-spacer" />
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="gateway-device-add">
              {t('monitoring.gateway.add')}
            </Button>
          )}
          <RefreshButton onClick={reload} />
        </div>
        {devices.error && !devices.loading ? (
          <ErrorState error={devices.error} onRetry={reload} />
        ) : (
          <Table<GatewayDevice>
            rowKey="id"
            size="middle"
            loading={devices.loading && !devices.data}
            dataSource={devices.data?.items ?? []}
            columns={columns}
            locale={{ emptyText: <EmptyState description={empty ? t('monitoring.gateway.empty') : t('monitoring.gateway.noMatch')} /> }}
            onRow={(d) => ({ 'data-testid': 'gateway-row', 'data-mn': d.mn, 'data-online': String(d.online) }) as HTMLAttributes<HTMLElement>}
            pagination={serverPagination(
              t,
              { page, pageSize, total: devices.data?.total ?? 0, sizes: PAGE_SIZES },
              { page: (p) => update({ page: p === 1 ? undefined : p }), pageSize: (size) => update({ size }) },
            )}
            data-testid="gateway-table"
          />
        )}
      </Card>
      <Typography.Paragraph type="secondary" className="qs-small" style={{ marginTop: 12 }}>
        <ApiOutlined /> {t('monitoring.gateway.note')}
      </Typography.Paragraph>
      {opened !== null && <GatewayDeviceDrawer id={opened} manage={manage} onClose={() => setOpened(null)} />}
      {editing !== null && (
        <GatewayDeviceModal
          device={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
    </div>
  );
}
