// One enterprise (排污单位): its outlets (排放口) with their emission limits (排放限值, each with the
// standard and clause it comes from), and its exceedance events (超标事件) — open ones first — with
// their span, duration and peak. The enterprise, its district and the coordinator acknowledge an
// event with a note; emissions managers add outlets and limits.
import { ArrowLeftOutlined, CheckOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Descriptions, Form, Input, InputNumber, Popconfirm, Segmented, Select, Space, Table, Tag, Typography, DatePicker } from 'antd';
import type { TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { RefreshButton, serverPagination } from '../../components/ListControls.tsx';
import { describeError, EmptyState, ErrorState } from '../../components/States.tsx';
import { useAsync } from '../../hooks.ts';
import { durationWords } from '../../monitoring/alerts.tsx';
import { stampOf } from '../../monitoring/seriesChart.ts';
import type { Page } from '../../types.ts';
import { FormModal } from './FormModal.tsx';
import { BASES, RESOLUTIONS, type Basis, type EmissionLimit, type EnterpriseDetail, type Exceedance, type Outlet, type Resolution } from './types.ts';

type Status = 'open' | 'closed' | 'all';
const STATUSES: readonly Status[] = ['open', 'closed', 'all'];

interface OutletFormValues {
  code: string;
  name: string;
  medium: 'gas' | 'water';
}

interface LimitFormValues {
  factorCode: string;
  limitValue: number;
  unit: string;
  basis: Basis;
  resolution: Resolution;
  standard: string;
  clause: string;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
}

export function EnterprisePage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { can } = useAuth();
  const id = Number(useParams().id);
  const [status, setStatus] = useState<Status>('open');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [addingOutlet, setAddingOutlet] = useState(false);
  const [limitFor, setLimitFor] = useState<Outlet | null>(null);
  const [acknowledging, setAcknowledging] = useState<Exceedance | null>(null);
  const manage = can('emissions.manage');

  const detail = useAsync(() => api.get<EnterpriseDetail>(`/api/emissions/enterprises/${id}`), [id]);
  const events = useAsync(
    () => api.get<Page<Exceedance>>('/api/emissions/exceedances', { enterpriseId: id, status, page, pageSize }),
    [id, status, page, pageSize],
  );

  const removeLimit = async (limit: EmissionLimit) => {
    try {
      await api.del(`/api/emissions/limits/${limit.id}`);
      void message.success(t('emissions.limitDeleted'));
      detail.reload();
    } catch (e) {
      const { title, detail: more } = describeError(e, t('errors.unexpected'));
      void message.error(more ? `${title}: ${more}` : title);
    }
  };

  if (detail.error && !detail.loading) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  const enterprise = detail.data;

  const limitColumns: TableProps<EmissionLimit>['columns'] = [
    { title: t('emissions.limit.factor'), key: 'factor', width: 110, render: (_, l) => <code>{l.factorCode}</code> },
    { title: t('emissions.limit.value'), key: 'value', width: 140, render: (_, l) => <span data-testid="limit-value">{`${l.limitValue} ${l.unit}`}</span> },
    { title: t('emissions.limit.basis'), key: 'basis', width: 130, render: (_, l) => t(`emissions.bases.${l.basis}`) },
    { title: t('emissions.limit.resolution'), key: 'resolution', width: 110, render: (_, l) => t(`emissions.resolutions.${l.resolution}`) },
    { title: t('emissions.limit.standard'), key: 'standard', render: (_, l) => <span data-testid="limit-standard">{l.clause ? `${l.standard} ${l.clause}` : l.standard}</span> },
    {
      title: t('emissions.limit.validity'),
      key: 'validity',
      width: 200,
      render: (_, l) => (l.validFrom || l.validTo ? `${l.validFrom ?? '…'} ~ ${l.validTo ?? '…'}` : t('emissions.limit.always')),
    },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            render: (_: unknown, l: EmissionLimit) => (
              <Popconfirm title={t('emissions.limit.deleteConfirm')} onConfirm={() => void removeLimit(l)} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('emissions.limit.delete')} />
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  const eventColumns: TableProps<Exceedance>['columns'] = [
    {
      title: t('emissions.event.outlet'),
      key: 'outlet',
      width: 170,
      render: (_, e) => (
        <div>
          <div>{e.outlet.code}</div>
          <div className="qs-muted qs-small">
            <code>{e.factorCode}</code>
          </div>
        </div>
      ),
    },
    {
      title: t('emissions.event.time'),
      key: 'time',
      width: 240,
      render: (_, e) => (
        <div className="qs-small" data-testid="event-time">
          <div>{t('emissions.event.span', { from: stampOf(e.startedAt), to: stampOf(e.endedAt) })}</div>
          <div className="qs-muted">
            {t('emissions.event.lasted', { duration: durationWords(t, e.durationHours), periods: e.periods })}
          </div>
          {e.closedAt && <div className="qs-muted">{t('emissions.event.closedAt', { at: stampOf(e.closedAt) })}</div>}
        </div>
      ),
    },
    {
      title: t('emissions.event.peak'),
      key: 'peak',
      render: (_, e) => (
        <div>
          <div data-testid="event-peak">{t('emissions.event.peakText', { peak: e.peakValue, limit: e.limitValue, unit: e.unit, multiple: e.multiple })}</div>
          <Space size={4} wrap style={{ marginTop: 4 }}>
            <Tag>{e.clause ? `${e.standard} ${e.clause}` : e.standard}</Tag>
            {e.closedAt ? <Tag color="success">{t('emissions.event.closed')}</Tag> : <Tag color="error">{t('emissions.event.open')}</Tag>}
          </Space>
        </div>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_, e) =>
        e.acknowledgedAt ? (
          <div className="qs-small" data-testid="event-acknowledged">
            <Typography.Text type="secondary">
              <CheckOutlined /> {t('emissions.event.acknowledgedBy', { name: e.acknowledgedBy?.name ?? '', at: stampOf(e.acknowledgedAt) })}
            </Typography.Text>
            {e.note && <div className="qs-muted">{e.note}</div>}
          </div>
        ) : (
          can('emissions.act') && (
            <Button size="small" icon={<CheckOutlined />} onClick={() => setAcknowledging(e)} data-testid="event-acknowledge">
              {t('emissions.event.acknowledge')}
            </Button>
          )
        ),
    },
  ];

  return (
    <div className="qs-page" data-testid="enterprise-page">
      <div className="qs-page-head">
        <div>
          <Link to="/emissions" className="qs-small">
            <ArrowLeftOutlined /> {t('modules.emissions.name')}
          </Link>
          <Typography.Title level={4} className="qs-page-title" data-testid="enterprise-name">
            {enterprise?.name ?? '…'}
          </Typography.Title>
        </div>
        {manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAddingOutlet(true)} data-testid="outlet-create">
            {t('emissions.createOutlet')}
          </Button>
        )}
      </div>
      {enterprise && (
        <Card className="qs-card" size="small">
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('emissions.fields.district')}>{enterprise.district.name}</Descriptions.Item>
            <Descriptions.Item label={t('emissions.fields.creditCode')}>{enterprise.creditCode ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('emissions.fields.industry')}>{enterprise.industry ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('emissions.fields.address')}>{enterprise.address ?? '—'}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}

      {(enterprise?.outletList ?? []).map((outlet) => (
        <Card
          key={outlet.id}
          className="qs-card"
          size="small"
          style={{ marginTop: 16 }}
          data-testid="outlet-card"
          title={
            <Space>
              <span>{`${outlet.code} ${outlet.name}`}</span>
              <Tag>{t(`emissions.media.${outlet.medium}`)}</Tag>
            </Space>
          }
          extra={
            manage && (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setLimitFor(outlet)} data-testid="limit-create">
                {t('emissions.createLimit')}
              </Button>
            )
          }
        >
          <Table<EmissionLimit>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={outlet.limits}
            columns={limitColumns}
            locale={{ emptyText: <EmptyState description={t('emissions.noLimits')} /> }}
            onRow={(l) => ({ 'data-testid': 'limit-row', 'data-factor': l.factorCode }) as HTMLAttributes<HTMLElement>}
          />
        </Card>
      ))}
      {enterprise && enterprise.outletList.length === 0 && (
        <Card className="qs-card" size="small" style={{ marginTop: 16 }}>
          <EmptyState description={t('emissions.noOutlets')} />
        </Card>
      )}

      <Card className="qs-card" size="small" style={{ marginTop: 16 }} title={t('emissions.event.title')}>
        <div className="qs-toolbar qs-toolbar-dense">
          <Segmented<Status>
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={STATUSES.map((s) => ({ value: s, label: t(`emissions.statuses.${s}`) }))}
            data-testid="event-filter-status"
          />
          <div className="qs-toolbar-spacer" />
          <RefreshButton onClick={events.reload} />
        </div>
        {events.error && !events.loading ? (
          <ErrorState error={events.error} onRetry={events.reload} />
        ) : (
          <Table<Exceedance>
            rowKey="id"
            size="middle"
            loading={events.loading}
            dataSource={events.data?.items ?? []}
            columns={eventColumns}
            locale={{ emptyText: <EmptyState description={status === 'open' ? t('emissions.event.emptyOpen') : t('emissions.event.empty')} /> }}
            onRow={(e) => ({ 'data-testid': 'event-row', 'data-outlet': e.outlet.code, 'data-factor': e.factorCode }) as HTMLAttributes<HTMLElement>}
            pagination={serverPagination(t, { page, pageSize, total: events.data?.total ?? 0, sizes: [10, 20, 50] }, { page: setPage, pageSize: setPageSize })}
            data-testid="event-table"
          />
        )}
      </Card>

      {addingOutlet && (
        <FormModal<OutletFormValues>
          title={t('emissions.createOutlet')}
          testId="outlet-modal"
          fields={['code', 'name', 'medium']}
          initialValues={{ medium: 'gas' }}
          onClose={() => setAddingOutlet(false)}
          submit={async (v) => {
            await api.post(`/api/emissions/enterprises/${id}/outlets`, { code: v.code.trim(), name: v.name.trim(), medium: v.medium });
            setAddingOutlet(false);
            detail.reload();
          }}
        >
          {() => (
            <>
              <Form.Item name="code" label={t('emissions.outlet.code')} extra={t('emissions.outlet.codeHint')} rules={[{ required: true, pattern: /^[A-Za-z0-9-]{1,20}$/, message: t('emissions.outlet.codePattern') }]}>
                <Input maxLength={20} autoComplete="off" />
              </Form.Item>
              <Form.Item name="name" label={t('emissions.outlet.name')} rules={[{ required: true, whitespace: true, message: t('emissions.fields.required') }]}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="medium" label={t('emissions.outlet.medium')} rules={[{ required: true }]}>
                <Segmented options={(['gas', 'water'] as const).map((m) => ({ value: m, label: t(`emissions.media.${m}`) }))} />
              </Form.Item>
            </>
          )}
        </FormModal>
      )}

      {limitFor && (
        <FormModal<LimitFormValues>
          title={t('emissions.createLimitFor', { outlet: `${limitFor.code} ${limitFor.name}` })}
          testId="limit-modal"
          fields={['factorCode', 'limitValue', 'unit', 'basis', 'resolution', 'standard', 'clause', 'validFrom', 'validTo']}
          initialValues={{ basis: 'avg', resolution: 'hour' }}
          onClose={() => setLimitFor(null)}
          submit={async (v) => {
            await api.post(`/api/emissions/outlets/${limitFor.id}/limits`, {
              factorCode: v.factorCode.trim(),
              limitValue: v.limitValue,
              unit: v.unit.trim(),
              basis: v.basis,
              resolution: v.resolution,
              standard: v.standard.trim(),
              clause: v.clause.trim(),
              validFrom: v.validFrom ? v.validFrom.format('YYYY-MM-DD') : null,
              validTo: v.validTo ? v.validTo.format('YYYY-MM-DD') : null,
            });
            setLimitFor(null);
            detail.reload();
          }}
        >
          {() => (
            <>
              <Space size={16} wrap align="start">
                <Form.Item name="factorCode" label={t('emissions.limit.factor')} extra={t('emissions.limit.factorHint')} rules={[{ required: true, pattern: /^[0-9A-Za-z]{1,12}$/, message: t('emissions.limit.factorPattern') }]}>
                  <Input maxLength={12} autoComplete="off" style={{ width: 160 }} />
                </Form.Item>
                <Form.Item name="limitValue" label={t('emissions.limit.value')} rules={[{ required: true, message: t('emissions.fields.required') }]}>
                  <InputNumber min={0} style={{ width: 140 }} />
                </Form.Item>
                <Form.Item name="unit" label={t('emissions.limit.unit')} rules={[{ required: true, whitespace: true, message: t('emissions.fields.required') }]}>
                  <Input maxLength={20} style={{ width: 120 }} />
                </Form.Item>
              </Space>
              <Space size={16} wrap align="start">
                <Form.Item name="basis" label={t('emissions.limit.basis')}>
                  <Select style={{ width: 200 }} options={BASES.map((b) => ({ value: b, label: t(`emissions.bases.${b}`) }))} />
                </Form.Item>
                <Form.Item name="resolution" label={t('emissions.limit.resolution')}>
                  <Select style={{ width: 160 }} options={RESOLUTIONS.map((r) => ({ value: r, label: t(`emissions.resolutions.${r}`) }))} />
                </Form.Item>
              </Space>
              <Form.Item name="standard" label={t('emissions.limit.standard')} extra={t('emissions.limit.standardHint')} rules={[{ required: true, whitespace: true, message: t('emissions.fields.required') }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="clause" label={t('emissions.limit.clause')} rules={[{ required: true, whitespace: true, message: t('emissions.fields.required') }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Space size={16} wrap>
                <Form.Item name="validFrom" label={t('emissions.limit.validFrom')}>
                  <DatePicker />
                </Form.Item>
                <Form.Item name="validTo" label={t('emissions.limit.validTo')}>
                  <DatePicker />
                </Form.Item>
              </Space>
            </>
          )}
        </FormModal>
      )}

      {acknowledging && (
        <FormModal<{ note?: string }>
          title={t('emissions.event.acknowledgeTitle', { outlet: acknowledging.outlet.code, factor: acknowledging.factorCode })}
          testId="acknowledge-modal"
          fields={['note']}
          onClose={() => setAcknowledging(null)}
          submit={async (v) => {
            await api.post(`/api/emissions/exceedances/${acknowledging.id}/acknowledge`, { note: v.note?.trim() || null });
            setAcknowledging(null);
            void message.success(t('emissions.event.acknowledged'));
            events.reload();
          }}
        >
          {() => (
            <Form.Item name="note" label={t('emissions.event.note')} extra={t('emissions.event.noteHint')}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="acknowledge-note" />
            </Form.Item>
          )}
        </FormModal>
      )}
    </div>
  );
}
