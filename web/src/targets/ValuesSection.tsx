// 数值 of an indicator: every value entered, for the city and the districts, with its state, who entered
// it, its evidence and its history; and what the user may do with each: 修改, 报送, 审核通过, 退回, upload
// evidence. The server decides; the buttons only follow what it will allow.
import {
  CheckOutlined,
  EditOutlined,
  FileDoneOutlined,
  HistoryOutlined,
  PlusOutlined,
  RollbackOutlined,
  SendOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { App as AntApp, Button, Card, Drawer, Empty, Form, Input, Modal, Popconfirm, Space, Table, Tag, Timeline, Tooltip, Typography, Upload } from 'antd';
import type { TableProps, UploadProps } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { useCurrentUser } from '../auth.tsx';
import { ProblemAlert, type FormProblem } from '../components/ProblemAlert.tsx';
import { formatDateTime } from '../format.ts';
import { formatSize } from '../tasks/labels.tsx';
import { valueText, ValueStateTag, VALUE_STATE_COLORS } from './labels.tsx';
import { problemOf } from './problem.ts';
import { periodLabel } from './reasons.ts';
import type { IndicatorDetail, IndicatorValue, ValueAction } from './types.ts';
import { ValueFormModal } from './ValueFormModal.tsx';

const EVIDENCE_EXTENSIONS = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.pptx,.doc,.xls';
const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;
const OPEN = ['draft', 'returned'];

/** What the user may do with a value, as the server's rules (src/targets/value-workflow.ts) allow. */
function mayDo(indicator: IndicatorDetail, value: IndicatorValue, userId: number) {
  const { standing } = indicator;
  const enters = standing.enters && standing.scopes.some((s) => s.id === value.scopeId);
  const reviews = standing.reviews && value.enteredById !== userId;
  return {
    edit: (OPEN.includes(value.state) && enters) || (value.state === 'approved' && (enters || standing.reviews)),
    submit: OPEN.includes(value.state) && enters,
    review: value.state === 'submitted' && reviews,
    evidence: OPEN.includes(value.state) && enters,
  };
}

function HistoryDrawer({ value, onClose }: { value: IndicatorValue | null; onClose: () => void }) {
  const { t } = useTranslation();
  const events = value ? [...value.events].reverse() : [];
  return (
    <Drawer
      open={!!value}
      onClose={onClose}
      size={460}
      title={value ? t('targets.history.title', { scope: value.scopeName, year: value.year, period: periodLabel(t, value.period) }) : ''}
      data-testid="value-history"
    >
      {events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('targets.history.empty')} />
      ) : (
        <Timeline
          items={events.map((e, i) => ({
            key: i,
            color: e.action === 'return' ? 'red' : e.action === 'approve' ? 'green' : e.action === 'amend' ? 'orange' : 'blue',
            content: (
              <div className="qs-transition" data-testid="value-event">
                <div className="qs-transition-head">
                  <Typography.Text strong>{t(`targets.history.actions.${e.action}`, { defaultValue: e.action })}</Typography.Text>
                  <span className="qs-transition-states">
                    {e.from && (
                      <>
                        <Tag color={VALUE_STATE_COLORS[e.from] ?? 'default'}>{t(`targets.valueStates.${e.from}`)}</Tag>→
                      </>
                    )}
                    <Tag color={VALUE_STATE_COLORS[e.to] ?? 'default'}>{t(`targets.valueStates.${e.to}`)}</Tag>
                  </span>
                </div>
                <div className="qs-transition-meta">
                  {e.actorName ?? e.actor} · {formatDateTime(e.at)}
                </div>
                {e.reason && <div className="qs-transition-reason">{t('targets.history.reason', { reason: e.reason })}</div>}
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}

function ReturnModal({ value, onCancel, onSubmit }: { value: IndicatorValue | null; onCancel: () => void; onSubmit: (reason: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open={!!value}
      title={t('targets.actions.returnTitle')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={t('targets.actions.return')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, ...({ 'data-testid': 'return-submit' } as { [k: `data-${string}`]: string }) }}
      confirmLoading={saving}
      destroyOnHidden
    >
      <div data-testid="return-modal">
        <Typography.Paragraph type="secondary">{t('targets.actions.returnIntro')}</Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={async (v) => {
            setSaving(true);
            try {
              await onSubmit(v.reason.trim());
            } finally {
              setSaving(false);
            }
          }}
        >
          <Form.Item
            name="reason"
            label={t('targets.actions.reason')}
            rules={[
              { required: true, whitespace: true, message: t('targets.actions.reasonRequired') },
              { max: 2000, message: t('validation.maxLength', { max: 2000 }) },
            ]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount autoFocus data-testid="return-reason" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

function EvidenceUpload({ value, onUploaded, onProblem }: { value: IndicatorValue; onUploaded: () => void; onProblem: (p: FormProblem | null) => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [uploading, setUploading] = useState(false);
  const customRequest: UploadProps['customRequest'] = async ({ file, onSuccess, onError }) => {
    setUploading(true);
    onProblem(null);
    try {
      const blob = file as File;
      const fd = new FormData();
      fd.append('file', blob, blob.name);
      const res = await api.post<{ id: number }>(`/api/indicator-values/${value.id}/evidence`, fd);
      onSuccess?.(res);
      void message.success(t('targets.evidence.uploaded', { name: blob.name }));
      onUploaded();
    } catch (e) {
      onProblem(problemOf(e, t));
      onError?.(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setUploading(false);
    }
  };
  return (
    <Upload
      accept={EVIDENCE_EXTENSIONS}
      showUploadList={false}
      customRequest={customRequest}
      beforeUpload={(file) => {
        if (file.size <= EVIDENCE_MAX_BYTES) return true;
        onProblem({ title: t('targets.evidence.tooLarge'), extra: [] });
        return Upload.LIST_IGNORE;
      }}
    >
      <Tooltip title={t('targets.evidence.uploadHint')}>
        <Button size="small" icon={<UploadOutlined />} loading={uploading} data-testid="value-evidence-upload">
          {t('targets.evidence.upload')}
        </Button>
      </Tooltip>
    </Upload>
  );
}

export function ValuesSection({ indicator, onChanged }: { indicator: IndicatorDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const user = useCurrentUser();
  const [formFor, setFormFor] = useState<{ editing: IndicatorValue | null } | null>(null);
  const [returning, setReturning] = useState<IndicatorValue | null>(null);
  const [history, setHistory] = useState<IndicatorValue | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);

  const run = async (value: IndicatorValue, action: ValueAction, reason?: string) => {
    setBusy(`${value.id}-${action}`);
    setProblem(null);
    try {
      await api.post<{ state: string }>(`/api/indicator-values/${value.id}/transitions`, { action, ...(reason ? { reason } : {}) });
      void message.success(t(`targets.actions.done.${action}`));
      setReturning(null);
      onChanged();
    } catch (e) {
      setProblem(problemOf(e, t));
      setReturning(null);
    } finally {
      setBusy(null);
    }
  };

  const columns: TableProps<IndicatorValue>['columns'] = [
    { title: t('targets.fields.year'), dataIndex: 'year', width: 64 },
    { title: t('targets.fields.period'), dataIndex: 'period', width: 80, render: (p: string) => periodLabel(t, p) },
    { title: t('targets.fields.scope'), dataIndex: 'scopeName', width: 90 },
    {
      title: t('targets.fields.valueOrStatus'),
      key: 'value',
      width: 100,
      render: (_, v) => (
        <Typography.Text strong data-testid="value-figure">
          {valueText(t, v, indicator.unit)}
        </Typography.Text>
      ),
    },
    {
      title: t('targets.fields.source'),
      key: 'source',
      render: (_, v) => (
        <div>
          <div data-testid="value-source-text">{v.source}</div>
          {v.note && <div className="qs-target-latest-meta">{v.note}</div>}
        </div>
      ),
    },
    {
      title: t('targets.fields.state'),
      key: 'state',
      width: 120,
      render: (_, v) => (
        <div>
          <ValueStateTag state={v.state} />
          {v.state === 'returned' && v.reviewReason && (
            <div className="qs-target-return-reason" data-testid="value-return-reason">
              {t('targets.history.reason', { reason: v.reviewReason })}
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('targets.fields.enteredBy'),
      key: 'enteredBy',
      width: 130,
      render: (_, v) => (
        <div>
          <div>{v.enteredBy ?? '—'}</div>
          <div className="qs-target-latest-meta">{formatDateTime(v.enteredAt)}</div>
        </div>
      ),
    },
    {
      title: t('targets.fields.evidence'),
      key: 'evidence',
      width: 150,
      render: (_, v) =>
        v.evidence.length === 0 ? (
          <span className="qs-muted">—</span>
        ) : (
          <ul className="qs-target-evidence">
            {v.evidence.map((ev) => (
              <li key={ev.id}>
                <FileDoneOutlined />{' '}
                <Tooltip title={t('targets.evidence.meta', { size: formatSize(ev.size), sha256: ev.sha256 })}>
                  <a href={`/api/indicator-evidence/${ev.id}`} download={ev.fileName} data-testid="value-evidence-link">
                    {ev.fileName}
                  </a>
                </Tooltip>
              </li>
            ))}
          </ul>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 190,
      render: (_, v) => {
        const may = mayDo(indicator, v, user.id);
        return (
          <Space size={4} wrap onClick={(e) => e.stopPropagation()}>
            {may.edit && (
              <Button size="small" icon={<EditOutlined />} onClick={() => setFormFor({ editing: v })} data-testid="value-edit">
                {t('targets.actions.edit')}
              </Button>
            )}
            {may.submit && (
              <Popconfirm
                title={t('targets.actions.submitTitle')}
                description={t('targets.actions.submitConfirm')}
                okText={t('targets.actions.submit')}
                cancelText={t('common.cancel')}
                onConfirm={() => run(v, 'submit')}
              >
                <Button size="small" type="primary" icon={<SendOutlined />} loading={busy === `${v.id}-submit`} data-testid="value-submit">
                  {t('targets.actions.submit')}
                </Button>
              </Popconfirm>
            )}
            {may.review && (
              <>
                <Popconfirm
                  title={t('targets.actions.approveTitle')}
                  description={t('targets.actions.approveConfirm')}
                  okText={t('targets.actions.approve')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => run(v, 'approve')}
                >
                  <Button size="small" type="primary" icon={<CheckOutlined />} loading={busy === `${v.id}-approve`} data-testid="value-approve">
                    {t('targets.actions.approve')}
                  </Button>
                </Popconfirm>
                <Button size="small" danger icon={<RollbackOutlined />} loading={busy === `${v.id}-return`} onClick={() => setReturning(v)} data-testid="value-return">
                  {t('targets.actions.return')}
                </Button>
              </>
            )}
            {may.evidence && <EvidenceUpload value={v} onUploaded={onChanged} onProblem={setProblem} />}
            <Tooltip title={t('targets.history.open')}>
              <Button size="small" type="text" icon={<HistoryOutlined />} onClick={() => setHistory(v)} aria-label={t('targets.history.open')} data-testid="value-history-open" />
            </Tooltip>
          </Space>
        );
      },
    },
  ];

  const { standing } = indicator;
  // Computed and derived values are not entered: the source section shows them. A monitoring measure
  // is computed for the years with monitoring data only; the other years are entered.
  const fromMonitoring = indicator.source.binding?.module === 'monitoring';
  const computed = indicator.source.origin !== 'entered' && !fromMonitoring;
  return (
    <Card
      className="qs-card"
      title={
        <span>
          <span className="qs-card-title-icon">
            <FileDoneOutlined />
          </span>
          {t('targets.values.title', { count: indicator.values.length })}
        </span>
      }
      extra={
        standing.enters && standing.scopes.length > 0 && !computed ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormFor({ editing: null })} data-testid="value-enter">
            {t('targets.actions.enter')}
          </Button>
        ) : undefined
      }
      data-testid="indicator-values"
    >
      {(computed || (fromMonitoring && indicator.source.origin === 'computed')) && (
        <Typography.Paragraph type="secondary" data-testid="values-computed-hint">
          {t(computed ? 'targets.source.computedHint' : 'targets.source.monitoringHint')}
        </Typography.Paragraph>
      )}
      <div className="qs-target-standing" data-testid="indicator-standing">
        {standing.enters && !computed && <Tag color="green">{t('targets.standing.enters', { scopes: standing.scopes.map((s) => s.name).join(t('tasks.separator')) })}</Tag>}
        {standing.reviews && <Tag color="purple">{t('targets.standing.reviews')}</Tag>}
        {standing.manages && <Tag color="geekblue">{t('targets.standing.manages')}</Tag>}
        {!(standing.enters && !computed) && !standing.reviews && !standing.manages && <Typography.Text type="secondary">{t('targets.standing.readOnly')}</Typography.Text>}
      </div>
      <ProblemAlert problem={problem} />
      <Table<IndicatorValue>
        size="small"
        rowKey="id"
        dataSource={indicator.values}
        columns={columns}
        pagination={indicator.values.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('targets.values.empty')} /> }}
        onRow={(v) => ({ 'data-testid': 'value-row', 'data-value-id': v.id }) as HTMLAttributes<HTMLElement>}
        data-testid="values-table"
      />
      {formFor && (
        <ValueFormModal
          indicator={indicator}
          editing={formFor.editing}
          open
          onClose={() => setFormFor(null)}
          onSaved={() => {
            setFormFor(null);
            onChanged();
          }}
        />
      )}
      <ReturnModal value={returning} onCancel={() => setReturning(null)} onSubmit={(reason) => run(returning!, 'return', reason)} />
      <HistoryDrawer value={history} onClose={() => setHistory(null)} />
    </Card>
  );
}
