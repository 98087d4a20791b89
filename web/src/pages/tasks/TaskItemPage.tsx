// 督办事项: one item with its source text (原文), measures, milestones, progress reports, evidence,
// the actions its units may take (申请销号 / 验收 / 退回 / 回头看) and its history.
import {
  ArrowLeftOutlined,
  AuditOutlined,
  CheckOutlined,
  CloseOutlined,
  DownloadOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  HistoryOutlined,
  NodeIndexOutlined,
  PaperClipOutlined,
  ReadOutlined,
  RollbackOutlined,
  SendOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Progress,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import type { TableProps, UploadProps } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, isApiError } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { applyFieldErrors } from '../../components/forms.ts';
import { HistoryDrawer, useOrganisationNames } from '../../components/HistoryDrawer.tsx';
import { ProblemAlert, type FormProblem } from '../../components/ProblemAlert.tsx';
import { ErrorState } from '../../components/States.tsx';
import { formatDateTime } from '../../format.ts';
import { useAsync } from '../../hooks.ts';
import {
  ColourLabel,
  colourLabel,
  DeadlineCell,
  formatSize,
  reasonText,
  ROLE_TAG_COLORS,
  stateLabel,
  StateTag,
  STATE_COLORS,
  UnitTags,
} from '../../tasks/labels.tsx';
import type { TaskAsset, TaskDetail, TaskItem, TaskMilestone, TaskRecheck, TaskReport, TransitionAction } from '../../tasks/types.ts';
import { UNIT_ROLE_ORDER } from '../../tasks/types.ts';
import { ItemPeople } from '../../tasks/ItemPeople.tsx';
import { MilestoneChart } from '../../tasks/MilestoneChart.tsx';

const EVIDENCE_EXTENSIONS = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.pptx,.doc,.xls';
const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;
const APPLY_FROM = ['in_progress', 'returned', 'rebounded'];

function problemOf(e: unknown, t: TFunction): FormProblem {
  if (isApiError(e)) return { title: e.title, ...(e.detail ? { detail: e.detail } : {}), extra: [] };
  return { title: t('errors.unexpected'), extra: [] };
}

function Section({ icon, title, extra, children, testId }: { icon: ReactNode; title: string; extra?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Card
      className="qs-card qs-task-section"
      title={
        <span>
          <span className="qs-card-title-icon">{icon}</span>
          {title}
        </span>
      }
      extra={extra}
      data-testid={testId}
    >
      {children}
    </Card>
  );
}

// ---------- 原文 ----------

function MilestoneTables({ milestones }: { milestones: TaskMilestone[] }) {
  const { t } = useTranslation();
  const groups = useMemo(() => {
    const bySubject = new Map<string, TaskMilestone[]>();
    for (const m of milestones) bySubject.set(m.subject, [...(bySubject.get(m.subject) ?? []), m]);
    return [...bySubject.entries()];
  }, [milestones]);
  return (
    <div className="qs-milestones" data-testid="task-milestones">
      {groups.map(([subject, list]) => {
        const years = [...new Set(list.map((m) => m.year))].sort();
        const districts = [...new Set(list.map((m) => m.district ?? m.districtWrittenAs ?? t('tasks.source.cityLevel')))];
        const unit = list.find((m) => m.unit)?.unit ?? null;
        const rows = districts.map((d) => ({
          district: d,
          cells: Object.fromEntries(
            years.map((y) => [y, list.find((m) => (m.district ?? m.districtWrittenAs ?? t('tasks.source.cityLevel')) === d && m.year === y)]),
          ),
        }));
        const cumulative = list.some((m) => m.cumulative);
        return (
          <div key={subject} className="qs-milestone-group">
            <div className="qs-milestone-head">
              <Typography.Text strong>{subject}</Typography.Text>
              {unit && <Tag variant="filled">{t('tasks.source.unit', { unit })}</Tag>}
              {cumulative && (
                <Tooltip title={t('tasks.source.cumulativeHint')}>
                  <Tag color="blue">{t('tasks.source.cumulative')}</Tag>
                </Tooltip>
              )}
            </div>
            <Table
              size="small"
              pagination={false}
              rowKey="district"
              dataSource={rows}
              columns={[
                { title: t('tasks.source.district'), dataIndex: 'district', width: 140 },
                ...years.map((y) => ({
                  title: t('tasks.source.year', { year: y }),
                  key: String(y),
                  align: 'right' as const,
                  render: (_: unknown, r: (typeof rows)[number]) => {
                    const m = r.cells[y];
                    return m ? m.quantity.toLocaleString() : <Typography.Text type="secondary">—</Typography.Text>;
                  },
                })),
              ]}
            />
          </div>
        );
      })}
    </div>
  );
}

function AssetsTable({ assets }: { assets: TaskAsset[] }) {
  const { t } = useTranslation();
  const columns: TableProps<TaskAsset & { n: number }>['columns'] = [
    { title: t('tasks.source.assetNo'), dataIndex: 'n', width: 56, align: 'right' },
    { title: t('tasks.source.assetName'), dataIndex: 'name', width: 230 },
    { title: t('tasks.source.assetDistrict'), dataIndex: 'district', width: 90 },
    { title: t('tasks.source.assetStatus'), dataIndex: 'status' },
  ];
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="n"
      dataSource={assets.map((a, i) => ({ ...a, n: i + 1 }))}
      columns={columns}
      data-testid="task-assets"
    />
  );
}

function SourceSection({ item }: { item: TaskDetail }) {
  const { t } = useTranslation();
  const written = item.unitsAsWritten ?? {};
  const targets = item.targets ?? [];
  const assets = item.assets ?? [];
  return (
    <Section icon={<ReadOutlined />} title={t('tasks.source.title')} testId="task-source">
      <blockquote className="qs-source-quote" data-testid="task-text">
        {item.text}
        <footer>
          {item.doc ? t('tasks.source.cite', { doc: item.doc, clause: item.clause }) : t('tasks.source.citeList', { list: item.listTitle, clause: item.clause })}
        </footer>
      </blockquote>

      <Typography.Title level={5} className="qs-subsection-title">
        {t('tasks.source.units')}
      </Typography.Title>
      <Descriptions column={1} size="small" bordered styles={{ label: { width: 120 } }} data-testid="task-units">
        {UNIT_ROLE_ORDER.map((role) => {
          const asWritten = written[role] ?? [];
          const resolved = item.units.filter((u) => u.role === role);
          if (asWritten.length === 0 && resolved.length === 0) return null;
          return (
            <Descriptions.Item key={role} label={t(`tasks.rolesLong.${role}`)}>
              <div className="qs-units-written">
                {asWritten.length > 0 ? asWritten.join(t('tasks.separator')) : <Typography.Text type="secondary">{t('tasks.source.inheritedUnits')}</Typography.Text>}
              </div>
              <div className="qs-units-resolved">
                {resolved.map((u) => (
                  <Tooltip key={u.organisationId} title={u.writtenAs !== u.name ? t('tasks.writtenAs', { text: u.writtenAs }) : undefined}>
                    <Tag color={ROLE_TAG_COLORS[role]}>{u.name}</Tag>
                  </Tooltip>
                ))}
              </div>
            </Descriptions.Item>
          );
        })}
      </Descriptions>

      {(targets.length > 0 || item.indicator) && (
        <>
          <Typography.Title level={5} className="qs-subsection-title">
            {t('tasks.source.targets')}
          </Typography.Title>
          {item.indicator && (
            <div className="qs-indicator">
              <Tag color="cyan">{t('tasks.source.indicator')}</Tag>
              {item.indicator.row !== undefined ? t('tasks.source.indicatorRow', { row: item.indicator.row, name: item.indicator.name ?? '' }) : item.indicator.name}
            </div>
          )}
          {targets.length > 0 && (
            <ul className="qs-targets" data-testid="task-targets">
              {targets.map((tg, i) => (
                <li key={i}>
                  <span>{tg.text}</span>
                  {tg.quantity !== null && tg.quantity !== undefined && (
                    <Tag color="green" className="qs-target-quantity">
                      {tg.subject ? `${tg.subject} ` : ''}
                      {tg.quantity}
                      {tg.unit ?? ''}
                    </Tag>
                  )}
                  {tg.deadline && <Tag>{tg.deadline}</Tag>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}

      {assets.length > 0 && (
        <>
          <Typography.Title level={5} className="qs-subsection-title">
            {t('tasks.source.assets', { count: assets.length })}
          </Typography.Title>
          <AssetsTable assets={assets} />
        </>
      )}

      {item.milestones.length > 0 && (
        <>
          <Typography.Title level={5} className="qs-subsection-title">
            {t('tasks.source.milestones', { count: item.milestones.length })}
          </Typography.Title>
          <MilestoneTables milestones={item.milestones} />
        </>
      )}
    </Section>
  );
}

// ---------- 整改措施 ----------

function MeasuresSection({ measures }: { measures: TaskItem[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const columns: TableProps<TaskItem>['columns'] = [
    { title: t('tasks.fields.measure'), dataIndex: 'ref', width: 70, render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    {
      title: t('tasks.fields.title'),
      dataIndex: 'title',
      render: (v: string, m) => (
        <Link to={`/tasks/items/${m.id}`} onClick={(e) => e.stopPropagation()}>
          {v}
        </Link>
      ),
    },
    { title: t('tasks.fields.deadline'), key: 'deadline', width: 140, render: (_, m) => <DeadlineCell item={m} /> },
    { title: t('tasks.fields.state'), dataIndex: 'state', width: 96, render: (s: string) => <StateTag state={s} /> },
    { title: t('tasks.fields.colour'), key: 'colour', width: 88, render: (_, m) => <ColourLabel colour={m.colour} reasons={m.reasons} compact /> },
  ];
  return (
    <Section icon={<NodeIndexOutlined />} title={t('tasks.measures.title', { count: measures.length })} testId="task-measures">
      <Table<TaskItem>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={measures}
        columns={columns}
        rowClassName={() => 'qs-clickable-row'}
        onRow={(m) => ({ onClick: () => void navigate(`/tasks/items/${m.id}`) })}
      />
    </Section>
  );
}

// ---------- 进度报告 ----------

interface ReportFormValues {
  text: string;
  progress?: number | null;
  milestoneId?: number | null;
  quantity?: number | null;
}

function milestoneLabel(t: TFunction, m: TaskMilestone): string {
  return t('tasks.reports.milestoneOption', {
    subject: m.subject,
    district: m.district ?? m.districtWrittenAs ?? t('tasks.source.cityLevel'),
    year: m.year,
    quantity: m.quantity,
    unit: m.unit ?? '',
  });
}

function ReportForm({ item, onFiled }: { item: TaskDetail; onFiled: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ReportFormValues>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const milestoneId = Form.useWatch('milestoneId', form);

  const onFinish = async (values: ReportFormValues) => {
    setSaving(true);
    setProblem(null);
    try {
      const body: Record<string, unknown> = { text: values.text.trim() };
      if (values.progress !== undefined && values.progress !== null) body.progress = values.progress;
      if (values.milestoneId) {
        body.milestoneId = values.milestoneId;
        if (values.quantity !== undefined && values.quantity !== null) body.quantity = values.quantity;
      }
      const res = await api.post<{ reportId: number; late: boolean }>(`/api/tasks/items/${item.id}/reports`, body);
      if (res.late) void message.warning(t('tasks.reports.filedLate'));
      else void message.success(t('tasks.reports.filed'));
      form.resetFields();
      onFiled();
    } catch (e) {
      if (isApiError(e)) {
        const extra = applyFieldErrors(form, e, ['text', 'progress', 'milestoneId', 'quantity']);
        setProblem({ title: e.title, ...(e.detail ? { detail: e.detail } : {}), extra });
      } else setProblem(problemOf(e, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="qs-report-form" data-testid="report-form">
      <Typography.Title level={5} className="qs-subsection-title">
        {t('tasks.reports.new')}
      </Typography.Title>
      <ProblemAlert problem={problem} />
      <Form<ReportFormValues> form={form} layout="vertical" onFinish={onFinish} requiredMark="optional">
        <Form.Item
          name="text"
          label={t('tasks.reports.text')}
          rules={[
            { required: true, whitespace: true, message: t('tasks.reports.textRequired') },
            { max: 5000, message: t('validation.maxLength', { max: 5000 }) },
          ]}
        >
          <Input.TextArea rows={4} showCount maxLength={5000} placeholder={t('tasks.reports.textPlaceholder')} data-testid="report-text" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item name="progress" label={t('tasks.reports.progress')} extra={item.progress !== null ? t('tasks.reports.progressNow', { progress: item.progress }) : undefined}>
              <InputNumber min={0} max={100} suffix="%" style={{ width: '100%' }} placeholder="0–100" data-testid="report-progress" />
            </Form.Item>
          </Col>
          {item.milestones.length > 0 && (
            <>
              <Col xs={24} md={12}>
                <Form.Item name="milestoneId" label={t('tasks.reports.milestone')}>
                  <Select
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder={t('tasks.reports.milestonePlaceholder')}
                    options={item.milestones.map((m) => ({ value: m.id, label: milestoneLabel(t, m) }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item name="quantity" label={t('tasks.reports.quantity')}>
                  <InputNumber min={0} style={{ width: '100%' }} disabled={!milestoneId} />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
        <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={saving} data-testid="report-submit">
          {t('tasks.reports.submit')}
        </Button>
      </Form>
    </div>
  );
}

function ReportsSection({ item, onChanged }: { item: TaskDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const milestones = new Map(item.milestones.map((m) => [m.id, m]));
  return (
    <Section
      icon={<FileTextOutlined />}
      title={t('tasks.reports.title', { count: item.reports.length })}
      extra={item.nextReportDue ? <Typography.Text type="secondary">{t('tasks.reports.nextDue', { date: item.nextReportDue })}</Typography.Text> : undefined}
      testId="task-reports"
    >
      {item.reports.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.reports.empty')} />
      ) : (
        <div className="qs-reports">
          {item.reports.map((r: TaskReport) => {
            const m = r.milestoneId ? milestones.get(r.milestoneId) : undefined;
            return (
              <div key={r.id} className="qs-report" data-testid="task-report">
                <div className="qs-report-head">
                  <Typography.Text strong>{r.filedOn}</Typography.Text>
                  <Typography.Text type="secondary">{r.author}</Typography.Text>
                  {r.late ? <Tag color="orange">{t('tasks.reports.late')}</Tag> : <Tag color="green">{t('tasks.reports.onTime')}</Tag>}
                  {r.progress !== null && (
                    <span className="qs-report-progress">
                      <Progress percent={r.progress} size="small" style={{ width: 140, margin: 0 }} />
                    </span>
                  )}
                </div>
                <div className="qs-report-text">{r.text}</div>
                {m && (
                  <div className="qs-report-milestone">
                    <Tag color="blue">{t('tasks.reports.milestone')}</Tag>
                    {milestoneLabel(t, m)}
                    {r.quantity !== null && <strong>{t('tasks.reports.quantityDone', { quantity: r.quantity, unit: m.unit ?? '' })}</strong>}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      )}
      {item.standing.responsible && <ReportForm item={item} onFiled={onChanged} />}
    </Section>
  );
}

// ---------- 佐证材料 ----------

function EvidenceSection({ item, onChanged }: { item: TaskDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [uploading, setUploading] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [reportId, setReportId] = useState<number | undefined>();
  const mayUpload = item.standing.responsible || item.standing.acceptor;
  const reports = new Map(item.reports.map((r) => [r.id, r]));

  const customRequest: UploadProps['customRequest'] = async ({ file, onSuccess, onError }) => {
    setUploading(true);
    setProblem(null);
    try {
      const fd = new FormData();
      if (reportId) fd.append('reportId', String(reportId));
      const blob = file as File;
      fd.append('file', blob, blob.name);
      const res = await api.post<{ id: number; sha256: string; mediaType: string }>(`/api/tasks/items/${item.id}/evidence`, fd);
      onSuccess?.(res);
      void message.success(t('tasks.evidence.uploaded', { name: blob.name }));
      onChanged();
    } catch (e) {
      setProblem(problemOf(e, t));
      onError?.(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setUploading(false);
    }
  };

  return (
    <Section icon={<PaperClipOutlined />} title={t('tasks.evidence.title', { count: item.evidence.length })} testId="task-evidence">
      {item.evidence.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.evidence.empty')} />
      ) : (
        <ul className="qs-evidence">
          {item.evidence.map((ev) => (
            <li key={ev.id} data-testid="task-evidence-file">
              <FileDoneOutlined className="qs-evidence-icon" />
              <div className="qs-evidence-body">
                <a href={`/api/tasks/evidence/${ev.id}`} download={ev.fileName} className="qs-evidence-name">
                  {ev.fileName}
                </a>
                <div className="qs-evidence-meta">
                  {formatSize(ev.size)} · {formatDateTime(ev.uploadedAt)}
                  {ev.reportId && reports.get(ev.reportId) && <> · {t('tasks.evidence.forReport', { date: reports.get(ev.reportId)!.filedOn })}</>}
                </div>
                <Tooltip title={t('tasks.evidence.sha256Full', { sha256: ev.sha256 })}>
                  <Typography.Text type="secondary" className="qs-hash">
                    SHA-256 {ev.sha256.slice(0, 16)}…
                  </Typography.Text>
                </Tooltip>
              </div>
              <Tooltip title={t('tasks.evidence.download')}>
                <Button type="text" icon={<DownloadOutlined />} href={`/api/tasks/evidence/${ev.id}`} aria-label={t('tasks.evidence.download')} />
              </Tooltip>
            </li>
          ))}
        </ul>
      )}
      {mayUpload && (
        <div className="qs-evidence-upload">
          <ProblemAlert problem={problem} />
          {item.reports.length > 0 && (
            <Select
              allowClear
              size="small"
              placeholder={t('tasks.evidence.reportPlaceholder')}
              value={reportId}
              onChange={(v?: number) => setReportId(v)}
              options={item.reports.map((r) => ({ value: r.id, label: t('tasks.evidence.reportOption', { date: r.filedOn, author: r.author }) }))}
              style={{ width: '100%', marginBottom: 8 }}
            />
          )}
          <Upload
            accept={EVIDENCE_EXTENSIONS}
            showUploadList={false}
            customRequest={customRequest}
            beforeUpload={(file) => {
              if (file.size > EVIDENCE_MAX_BYTES) {
                setProblem({ title: t('tasks.evidence.tooLarge'), extra: [] });
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            data-testid="evidence-upload"
          >
            <Button icon={<UploadOutlined />} loading={uploading} data-testid="evidence-upload-button">
              {t('tasks.evidence.upload')}
            </Button>
          </Upload>
          <div className="qs-evidence-hint">{t('tasks.evidence.hint')}</div>
        </div>
      )}
    </Section>
  );
}

// ---------- 流转记录 / 回头看 ----------

function TransitionsSection({ item }: { item: TaskDetail }) {
  const { t } = useTranslation();
  const list = [...item.transitions].reverse();
  return (
    <Section icon={<HistoryOutlined />} title={t('tasks.transitions.title')} testId="task-transitions">
      {list.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.transitions.empty')} />
      ) : (
        <Timeline
          className="qs-transitions"
          items={list.map((tr) => ({
            key: tr.id,
            color: tr.action === 'return' || tr.action === 'recheck_fail' ? 'red' : tr.action === 'accept' || tr.action === 'recheck_pass' ? 'green' : 'blue',
            content: (
              <div className="qs-transition" data-testid="task-transition">
                <div className="qs-transition-head">
                  <Typography.Text strong>{t(`tasks.transitions.actions.${tr.action}`, { defaultValue: tr.action })}</Typography.Text>
                  <span className="qs-transition-states">
                    <Tag color={STATE_COLORS[tr.from] ?? 'default'}>{stateLabel(t, tr.from)}</Tag>→
                    <Tag color={STATE_COLORS[tr.to] ?? 'default'}>{stateLabel(t, tr.to)}</Tag>
                  </span>
                </div>
                <div className="qs-transition-meta">
                  {tr.actor} · {formatDateTime(tr.at)}
                </div>
                {tr.reason && <div className="qs-transition-reason">{t('tasks.transitions.reason', { reason: tr.reason })}</div>}
              </div>
            ),
          }))}
        />
      )}
    </Section>
  );
}

function RechecksSection({ rechecks }: { rechecks: TaskRecheck[] }) {
  const { t } = useTranslation();
  const columns: TableProps<TaskRecheck>['columns'] = [
    { title: t('tasks.rechecks.dueOn'), dataIndex: 'dueOn', width: 110 },
    {
      title: t('tasks.rechecks.result'),
      key: 'result',
      width: 100,
      render: (_, r) =>
        r.doneAt === null ? (
          <Tag color="processing">{t('tasks.rechecks.pending')}</Tag>
        ) : r.passed ? (
          <Tag color="success">{t('tasks.rechecks.passed')}</Tag>
        ) : (
          <Tag color="error">{t('tasks.rechecks.failed')}</Tag>
        ),
    },
    {
      title: t('tasks.rechecks.detail'),
      key: 'detail',
      render: (_, r) => (
        <div>
          {r.doneAt && <div className="qs-small">{formatDateTime(r.doneAt)}</div>}
          {r.reason && <div>{r.reason}</div>}
        </div>
      ),
    },
  ];
  return (
    <Section icon={<AuditOutlined />} title={t('tasks.rechecks.title')} testId="task-rechecks">
      {rechecks.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.rechecks.empty')} />
      ) : (
        <Table<TaskRecheck> size="small" rowKey="id" pagination={false} dataSource={rechecks} columns={columns} />
      )}
    </Section>
  );
}

// ---------- Actions ----------

function ReasonModal({
  action,
  onCancel,
  onSubmit,
}: {
  action: 'return' | 'recheck_fail' | null;
  onCancel: () => void;
  onSubmit: (action: 'return' | 'recheck_fail', reason: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open={!!action}
      title={action ? t(`tasks.actions.${action}Title`) : ''}
      onCancel={onCancel}
      okText={action ? t(`tasks.actions.${action}`) : ''}
      okButtonProps={{ danger: true, ...({ 'data-testid': 'reason-submit' } as { [k: `data-${string}`]: string }) }}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <div data-testid="reason-modal">
        <Typography.Paragraph type="secondary">{action ? t(`tasks.actions.${action}Intro`) : ''}</Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={async (v) => {
            if (!action) return;
            setSaving(true);
            try {
              await onSubmit(action, v.reason.trim());
            } finally {
              setSaving(false);
            }
          }}
        >
          <Form.Item
            name="reason"
            label={t('tasks.actions.reason')}
            rules={[
              { required: true, whitespace: true, message: t('tasks.actions.reasonRequired') },
              { max: 2000, message: t('validation.maxLength', { max: 2000 }) },
            ]}
          >
            <Input.TextArea rows={4} showCount maxLength={2000} placeholder={t('tasks.actions.reasonPlaceholder')} data-testid="reason-text" autoFocus />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

function ActionBar({ item, onDone }: { item: TaskDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState<TransitionAction | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [reasonFor, setReasonFor] = useState<'return' | 'recheck_fail' | null>(null);
  const ongoing = (item.deadline as { kind?: string }).kind === 'ongoing';

  const run = async (action: TransitionAction, reason?: string) => {
    setBusy(action);
    setProblem(null);
    try {
      const updated = await api.post<TaskItem>(`/api/tasks/items/${item.id}/transitions`, { action, ...(reason ? { reason } : {}) });
      void message.success(t(`tasks.actions.done.${action}`, { state: stateLabel(t, updated.state) }));
      setReasonFor(null);
      onDone();
    } catch (e) {
      setProblem(problemOf(e, t));
      setReasonFor(null);
    } finally {
      setBusy(null);
    }
  };

  const buttons: ReactNode[] = [];
  if (item.standing.responsible && APPLY_FROM.includes(item.state) && !ongoing) {
    const noEvidence = item.evidence.length === 0;
    const applyButton = (
      <Button type="primary" icon={<FileDoneOutlined />} loading={busy === 'apply'} disabled={noEvidence} data-testid="action-apply">
        {t('tasks.actions.apply')}
      </Button>
    );
    buttons.push(
      noEvidence ? (
        <Tooltip key="apply" title={t('tasks.actions.applyNeedsEvidence')}>
          {applyButton}
        </Tooltip>
      ) : (
        <Popconfirm
          key="apply"
          title={t('tasks.actions.applyTitle')}
          description={t('tasks.actions.applyConfirm')}
          okText={t('tasks.actions.apply')}
          cancelText={t('common.cancel')}
          onConfirm={() => run('apply')}
        >
          {applyButton}
        </Popconfirm>
      ),
    );
  }
  if (item.standing.acceptor && item.state === 'applied') {
    buttons.push(
      <Popconfirm
        key="accept"
        title={t('tasks.actions.acceptTitle')}
        description={t('tasks.actions.acceptConfirm')}
        okText={t('tasks.actions.accept')}
        cancelText={t('common.cancel')}
        onConfirm={() => run('accept')}
      >
        <Button type="primary" icon={<CheckOutlined />} loading={busy === 'accept'} data-testid="action-accept">
          {t('tasks.actions.accept')}
        </Button>
      </Popconfirm>,
      <Button key="return" danger icon={<RollbackOutlined />} loading={busy === 'return'} onClick={() => setReasonFor('return')} data-testid="action-return">
        {t('tasks.actions.return')}
      </Button>,
    );
  }
  if (item.standing.acceptor && item.state === 'accepted') {
    buttons.push(
      <Popconfirm
        key="recheck_pass"
        title={t('tasks.actions.recheck_passTitle')}
        description={t('tasks.actions.recheck_passConfirm')}
        okText={t('tasks.actions.recheck_pass')}
        cancelText={t('common.cancel')}
        onConfirm={() => run('recheck_pass')}
      >
        <Button type="primary" icon={<CheckOutlined />} loading={busy === 'recheck_pass'} data-testid="action-recheck-pass">
          {t('tasks.actions.recheck_pass')}
        </Button>
      </Popconfirm>,
      <Button
        key="recheck_fail"
        danger
        icon={<CloseOutlined />}
        loading={busy === 'recheck_fail'}
        onClick={() => setReasonFor('recheck_fail')}
        data-testid="action-recheck-fail"
      >
        {t('tasks.actions.recheck_fail')}
      </Button>,
    );
  }

  let hint: string | null = null;
  if (item.standing.responsible && item.state === 'not_started') hint = t('tasks.actions.hintNotStarted');
  else if (item.standing.responsible && ongoing) hint = t('tasks.actions.hintOngoing');
  else if (item.standing.responsible && item.state === 'applied') hint = t('tasks.actions.hintApplied');
  else if (!item.standing.responsible && !item.standing.acceptor) hint = t('tasks.actions.hintReadOnly');

  return (
    <div className="qs-task-actions" data-testid="task-actions">
      <ProblemAlert problem={problem} />
      <div className="qs-task-actions-row">
        <div className="qs-task-standing">
          {item.standing.responsible && <Tag color="green">{t('tasks.standing.responsible')}</Tag>}
          {item.standing.acceptor && <Tag color="purple">{t('tasks.standing.acceptor')}</Tag>}
          {hint && <Typography.Text type="secondary">{hint}</Typography.Text>}
        </div>
        {buttons.length > 0 && <Space wrap>{buttons}</Space>}
      </div>
      <ReasonModal action={reasonFor} onCancel={() => setReasonFor(null)} onSubmit={(a, r) => run(a, r)} />
    </div>
  );
}

// ---------- Page ----------

export function TaskItemPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const { can } = useAuth();
  const itemId = Number(id);
  const { data: item, error, loading, reload } = useAsync(() => api.get<TaskDetail>(`/api/tasks/items/${itemId}`), [itemId]);
  const names = useOrganisationNames();
  const [historyOpen, setHistoryOpen] = useState(false);

  if (!Number.isInteger(itemId) || itemId < 1) {
    return <Result status="404" title={t('tasks.item.notFound')} />;
  }
  if (loading && !item) {
    return (
      <div className="qs-page">
        <Card className="qs-card">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </div>
    );
  }
  if (error || !item) {
    return (
      <div className="qs-page">
        {isApiError(error) && error.status === 404 ? (
          <Result
            status="404"
            title={t('tasks.item.notFound')}
            extra={
              <Button type="primary" onClick={() => void navigate('/tasks')}>
                {t('tasks.item.backToBoard')}
              </Button>
            }
          />
        ) : (
          <ErrorState error={error} onRetry={reload} />
        )}
      </div>
    );
  }

  const acceptance =
    item.acceptanceUnitId === null
      ? null
      : (item.units.find((u) => u.organisationId === item.acceptanceUnitId)?.name ??
        names.organisationName?.(item.acceptanceUnitId) ??
        `#${item.acceptanceUnitId}`);
  const supervising = item.units.filter((u) => u.role === 'supervising');
  const acceptanceVia =
    acceptance && supervising[0] && supervising[0].organisationId !== item.acceptanceUnitId
      ? t('tasks.item.acceptanceHost', { body: supervising[0].name })
      : null;
  const reasonTone = item.colour === 'red' ? 'error' : item.colour === 'yellow' ? 'warning' : 'success';

  return (
    <div className="qs-page" data-testid="task-item">
      <div className="qs-task-back">
        <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => (window.history.length > 1 ? void navigate(-1) : void navigate('/tasks'))}>
          {t('tasks.item.back')}
        </Button>
        {item.parentId && (
          <Link to={`/tasks/items/${item.parentId}`} className="qs-task-parent-link">
            {t('tasks.item.parent', { ref: item.parentRef ?? '' })}
          </Link>
        )}
      </div>

      <Card className="qs-card qs-task-header" data-testid="task-header">
        <div className="qs-task-header-top">
          <div className="qs-task-header-list">
            <Tag color="geekblue">{t('tasks.listTag', { key: item.listKey })}</Tag>
            <Typography.Text type="secondary">{item.listTitle}</Typography.Text>
            <Typography.Text type="secondary">·</Typography.Text>
            <Typography.Text type="secondary" data-testid="task-clause">
              {item.clause}
            </Typography.Text>
          </div>
          {can('audit.read') && (
            <Button icon={<HistoryOutlined />} onClick={() => setHistoryOpen(true)} data-testid="task-history">
              {t('audit.history')}
            </Button>
          )}
        </div>
        <div className="qs-task-heading">
          <span className="qs-task-ref" data-testid="task-ref">
            {item.parentRef ? `${item.parentRef} › ${item.ref}` : item.ref}
          </span>
          <Typography.Title level={4} className="qs-task-title-text">
            {item.title}
          </Typography.Title>
        </div>
        <div className="qs-task-tags">
          <StateTag state={item.state} />
          <ColourLabel colour={item.colour} compact />
          {item.public && <Tag color="cyan">{t('tasks.item.public')}</Tag>}
        </div>

        <Alert
          type={reasonTone}
          showIcon
          className="qs-task-reasons"
          data-testid="task-reasons"
          title={t('tasks.item.colourIs', { colour: colourLabel(t, item.colour) })}
          description={
            <ul>
              {item.reasons.map((r, i) => (
                <li key={i}>{reasonText(t, r)}</li>
              ))}
            </ul>
          }
        />

        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" className="qs-task-facts" styles={{ label: { width: 110 } }}>
          <Descriptions.Item label={t('tasks.fields.deadline')}>
            <DeadlineCell item={item} />
          </Descriptions.Item>
          <Descriptions.Item label={t('tasks.fields.acceptance')}>
            <div data-testid="task-acceptance">
              <div>{acceptance ?? t('tasks.item.noAcceptance')}</div>
              {acceptanceVia && <div className="qs-deadline-parsed">{acceptanceVia}</div>}
            </div>
          </Descriptions.Item>
          <Descriptions.Item label={t('tasks.fields.progress')}>
            {item.progress !== null ? (
              <Progress percent={item.progress} size="small" style={{ width: 180, margin: 0 }} />
            ) : (
              <Typography.Text type="secondary">{t('tasks.item.noProgress')}</Typography.Text>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('tasks.fields.lastReport')}>
            {item.lastReportOn ?? <Typography.Text type="secondary">{t('tasks.item.noReport')}</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label={t('tasks.fields.nextReport')}>{item.nextReportDue ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('tasks.fields.units')}>
            <UnitTags units={item.units} max={3} />
          </Descriptions.Item>
        </Descriptions>

        <ActionBar item={item} onDone={reload} />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <SourceSection item={item} />
            {(item.milestones.length > 0 || item.children.length > 0) && <MilestoneChart itemId={item.id} reportsFiled={item.reports.length} />}
            {item.children.length > 0 && <MeasuresSection measures={item.children} />}
            <ReportsSection item={item} onChanged={reload} />
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <ItemPeople itemId={item.id} />
            <EvidenceSection item={item} onChanged={reload} />
            <TransitionsSection item={item} />
            <RechecksSection rechecks={item.rechecks} />
          </Space>
        </Col>
      </Row>

      <HistoryDrawer
        open={historyOpen}
        onClose={() => setHistoryOpen(false)}
        entity="task_item"
        entityId={item.id}
        title={`${item.listKey} ${item.parentRef ? `${item.parentRef} › ${item.ref}` : item.ref}`}
      />
    </div>
  );
}
