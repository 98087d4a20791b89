// A gateway device's drawer: its state, latest values (raw readings per factor code, or the station's
// latest stored hour), the last malformed packets it sent, and its clock commands — 读取时钟 (1011) and
// 校准时钟 (1012) for managers — followed until the device has answered.
import { ClockCircleOutlined, FieldTimeOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Descriptions, Drawer, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api } from '../../api.ts';
import { describeError, ErrorState } from '../../components/States.tsx';
import { useAsync } from '../../hooks.ts';
import { parameterLabel } from '../../monitoring/labels.tsx';
import type { Parameter } from '../../monitoring/types.ts';
import { stamp, UNFINISHED, type GatewayCommand, type GatewayDeviceDetail } from './gatewayTypes.ts';

/** How long the drawer follows an unfinished command (the gateway expires it after 60 s). */
const FOLLOW_MS = 90_000;

const STATE_COLORS: Record<GatewayCommand['state'], string> = {
  pending: 'default',
  sent: 'processing',
  accepted: 'processing',
  done: 'success',
  refused: 'error',
  failed: 'error',
  expired: 'warning',
};

/** What a finished clock command found, in words. */
function commandOutcome(t: TFunction, command: GatewayCommand): string {
  if (command.error) return command.error;
  if (command.kind === 'get-time' && command.result) {
    if (command.result.offsetSeconds === undefined) return command.result.error ?? '';
    const offset = command.result.offsetSeconds;
    const clock = t('monitoring.gateway.deviceTime', { time: stamp(command.result.deviceTime) });
    if (Math.abs(offset) < 1) return `${clock} · ${t('monitoring.gateway.inSync')}`;
    return `${clock} · ${t(offset > 0 ? 'monitoring.gateway.ahead' : 'monitoring.gateway.behind', { seconds: Math.abs(offset) })}`;
  }
  if (command.kind === 'set-time' && command.cp.SystemTime) return t('monitoring.gateway.setTo', { time: command.cp.SystemTime.replace(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/, '$1-$2-$3 $4:$5:$6') });
  return '';
}

export function GatewayDeviceDrawer({ id, manage, onClose }: { id: number; manage: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const detail = useAsync(() => api.get<GatewayDeviceDetail>(`/api/gateway/devices/${id}`), [id]);
  // The store's names and units for an air station's latest hour; the code alone while they load (or if they fail).
  const parameters = useAsync(() => api.get<Parameter[]>('/api/monitoring/parameters'), []);
  // Each code's parameter and its place in the store's order (pollutants, then meteorology), as every other monitoring view lists them.
  const parameterByCode = useMemo(() => new Map((parameters.data ?? []).map((p, place) => [p.code, { ...p, place }])), [parameters.data]);
  const placeOf = (code: string) => parameterByCode.get(code)?.place ?? Number.MAX_SAFE_INTEGER;
  const airHourValues = [...(detail.data?.airHour?.values ?? [])].sort((a, b) => placeOf(a.parameter) - placeOf(b.parameter));
  const [busy, setBusy] = useState<string | null>(null);
  const device = detail.data;
  // A command stays unfinished for at most a minute while a gateway runs; without one it would wait forever.
  const waiting = (device?.commands ?? []).some((c) => UNFINISHED.includes(c.state) && Date.now() - new Date(c.requestedAt).getTime() < FOLLOW_MS);

  // While a command is on its way, follow it every second and a half.
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(detail.reload, 1500);
    return () => clearTimeout(timer);
  }, [waiting, device, detail.reload]);

  const command = async (kind: 'get-time' | 'set-time') => {
    setBusy(kind);
    try {
      await api.post(`/api/gateway/devices/${id}/commands`, { kind });
      void message.success(t('monitoring.gateway.commandQueued'));
      detail.reload();
    } catch (e) {
      const { title, detail: why } = describeError(e, t('errors.unexpected'));
      void message.error(why ? `${title}: ${why}` : title);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Drawer open width={760} onClose={onClose} title={device ? device.name || device.mn : t('monitoring.gateway.device')} destroyOnHidden data-testid="gateway-drawer">
      {detail.error ? (
        <ErrorState error={detail.error} onRetry={detail.reload} />
      ) : !device ? null : (
        <div className="qs-gw-drawer">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="MN">
              <span className="qs-gw-mono">{device.mn}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('monitoring.gateway.columns.state')}>
              {device.online ? <Tag color="success">{t('monitoring.gateway.online')}</Tag> : <Tag>{t('monitoring.gateway.offline')}</Tag>}
              {device.online && device.address && <span className="qs-muted qs-small">{device.address}</span>}
            </Descriptions.Item>
            <Descriptions.Item label={t('monitoring.gateway.columns.owner')}>{device.site ? `${device.site.name} · ${device.site.code}` : device.outlet?.label}</Descriptions.Item>
            <Descriptions.Item label={t('monitoring.gateway.columns.version')}>{`ST ${device.st}${device.version ? ` · HJ 212-${device.version}` : ''} · ${device.flagProfile}`}</Descriptions.Item>
            <Descriptions.Item label={t('monitoring.gateway.columns.lastSeen')}>{device.lastSeenAt ? stamp(device.lastSeenAt) : t('monitoring.gateway.never')}</Descriptions.Item>
            <Descriptions.Item label={t('monitoring.gateway.columns.packets')}>{device.packetsLastHour}</Descriptions.Item>
          </Descriptions>

          <Typography.Title level={5} className="qs-gw-section">
            {t('monitoring.gateway.latestValues')}
          </Typography.Title>
          {device.readings.length > 0 ? (
            <Table
              size="small"
              rowKey="factorCode"
              pagination={false}
              dataSource={device.readings}
              data-testid="gateway-readings"
              columns={[
                { title: t('monitoring.gateway.factor'), dataIndex: 'factorCode', render: (code: string) => <span className="qs-gw-mono">{code}</span> },
                { title: t('monitoring.gateway.value'), key: 'value', render: (_, r) => r.value ?? '—' },
                { title: 'Flag', key: 'flag', render: (_, r) => (r.valid ? <Tag color="success">{r.flag ?? 'N'}</Tag> : <Tooltip title={r.invalidReason}><Tag color="error">{r.flag}</Tag></Tooltip>) },
                { title: 'CN', dataIndex: 'cn' },
                { title: t('monitoring.gateway.dataTime'), key: 'dataTime', render: (_, r) => stamp(r.dataTime) },
              ]}
            />
          ) : device.airHour ? (
            <>
              <Typography.Text type="secondary" className="qs-small">
                {t('monitoring.gateway.airHour', { at: stamp(device.airHour.observedAt) })}
              </Typography.Text>
              <Table
                size="small"
                rowKey="parameter"
                pagination={false}
                dataSource={airHourValues}
                data-testid="gateway-readings"
                columns={[
                  {
                    title: t('monitoring.gateway.parameter'),
                    dataIndex: 'parameter',
                    render: (code: string) => {
                      const parameter = parameterByCode.get(code);
                      return parameter ? parameterLabel(t, parameter) : code;
                    },
                  },
                  { title: t('monitoring.gateway.value'), dataIndex: 'value' },
                  { title: t('monitoring.gateway.validity'), key: 'valid', render: (_, v) => (v.valid ? <Tag color="success">{t('monitoring.gateway.valid')}</Tag> : <Tooltip title={v.invalidReason}><Tag color="error">{t('monitoring.gateway.invalid')}</Tag></Tooltip>) },
                ]}
              />
            </>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('monitoring.gateway.noValues')} />
          )}

          <Typography.Title level={5} className="qs-gw-section">
            {t('monitoring.gateway.commands')}
          </Typography.Title>
          {manage && (
            <Space style={{ marginBottom: 8 }}>
              <Button icon={<ClockCircleOutlined />} loading={busy === 'get-time'} disabled={!device.active} onClick={() => void command('get-time')} data-testid="gateway-get-time">
                {t('monitoring.gateway.getTime')}
              </Button>
              <Button icon={<FieldTimeOutlined />} loading={busy === 'set-time'} disabled={!device.active} onClick={() => void command('set-time')} data-testid="gateway-set-time">
                {t('monitoring.gateway.setTime')}
              </Button>
              {!device.online && <Typography.Text type="secondary" className="qs-small">{t('monitoring.gateway.offlineQueued')}</Typography.Text>}
            </Space>
          )}
          {device.commands.length > 0 ? (
            <Table<GatewayCommand>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={device.commands}
              data-testid="gateway-commands"
              onRow={(c) => ({ 'data-testid': 'gateway-command', 'data-state': c.state }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: t('monitoring.gateway.command'), key: 'kind', render: (_, c) => `${c.kind ? t(`monitoring.gateway.kinds.${c.kind}`) : ''} (${c.cn})` },
                { title: t('monitoring.gateway.commandState'), key: 'state', render: (_, c) => <Tag color={STATE_COLORS[c.state]} data-testid="gateway-command-state">{t(`monitoring.gateway.states.${c.state}`)}</Tag> },
                { title: t('monitoring.gateway.outcome'), key: 'outcome', render: (_, c) => <span data-testid="gateway-command-outcome">{commandOutcome(t, c)}</span> },
                { title: t('monitoring.gateway.requested'), key: 'requested', render: (_, c) => <span className="qs-small">{stamp(c.requestedAt)}<br /><span className="qs-muted">{c.requestedBy?.name ?? t('monitoring.gateway.byDevice')}</span></span> },
              ]}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('monitoring.gateway.noCommands')} />
          )}

          <Typography.Title level={5} className="qs-gw-section">
            {t('monitoring.gateway.malformedTitle', { count: device.malformed.count })}
          </Typography.Title>
          {device.malformed.last.length > 0 ? (
            <div data-testid="gateway-malformed-list">
              {[...device.malformed.last].reverse().map((m, index) => (
                <div key={index} className="qs-gw-malformed">
                  <div>
                    <Tag color="error">{stamp(m.at)}</Tag> {m.reason}
                  </div>
                  <code className="qs-gw-mono qs-small">{m.text}</code>
                </div>
              ))}
            </div>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('monitoring.gateway.noMalformed')} />
          )}
        </div>
      )}
    </Drawer>
  );
}
