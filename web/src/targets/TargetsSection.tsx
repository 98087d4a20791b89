// Every target the documents set for an indicator, by document: the clause, the words of the target,
// its year, attribute and units, and its assessment with all its reasons. A target the province sets
// (完成省考核目标) takes its figure per year from the coordinator: 录入省定目标值.
import { AimOutlined, EditOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Form, Input, InputNumber, Modal, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ProblemAlert, type FormProblem } from '../components/ProblemAlert.tsx';
import { ROLE_TAG_COLORS } from '../tasks/labels.tsx';
import { plain, withUnit } from './figures.ts';
import { AssessmentCell, AttributeTag, localNote, TargetWhen } from './labels.tsx';
import { problemOf } from './problem.ts';
import type { AssessedTarget, IndicatorDetail } from './types.ts';

interface FigureValues {
  year: number;
  value: number;
  source: string;
}

function FigureModal({ target, indicator, onClose, onSaved }: { target: AssessedTarget | null; indicator: IndicatorDetail; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FigureValues>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const current = target ? indicator.figures.find((f) => f.targetId === target.target.id && f.year === target.target.year) : undefined;
  return (
    <Modal
      open={!!target}
      title={t('targets.figures.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ ...({ 'data-testid': 'figure-submit' } as { [k: `data-${string}`]: string }) }}
      destroyOnHidden
    >
      {target && (
        <div data-testid="figure-form">
          <Typography.Paragraph type="secondary">
            {t('targets.figures.intro', { doc: target.target.doc, clause: target.target.clause, written: target.target.targetAsWritten })}
          </Typography.Paragraph>
          <ProblemAlert problem={problem} />
          <Form<FigureValues>
            form={form}
            layout="vertical"
            preserve={false}
            initialValues={{ year: target.target.year, value: current?.value, source: current?.source }}
            onFinish={async (v) => {
              setSaving(true);
              setProblem(null);
              try {
                await api.put(`/api/indicator-targets/${target.target.id}/figures/${v.year}`, { value: v.value, source: v.source.trim() });
                void message.success(t('targets.figures.saved', { year: v.year }));
                onSaved();
              } catch (e) {
                setProblem(problemOf(e, t, { instance: form, fields: ['value', 'source'] }));
              } finally {
                setSaving(false);
              }
            }}
          >
            <Form.Item name="year" label={t('targets.fields.year')} rules={[{ required: true, message: t('targets.form.yearRequired') }]}>
              <InputNumber min={1990} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="value"
              label={indicator.unit ? t('targets.fields.valueWithUnit', { unit: indicator.unit }) : t('targets.fields.value')}
              rules={[{ required: true, message: t('targets.form.valueRequired') }]}
            >
              <InputNumber style={{ width: '100%' }} data-testid="figure-value" />
            </Form.Item>
            <Form.Item
              name="source"
              label={t('targets.figures.source')}
              rules={[
                { required: true, whitespace: true, message: t('targets.figures.sourceRequired') },
                { max: 500, message: t('validation.maxLength', { max: 500 }) },
              ]}
            >
              <Input maxLength={500} placeholder={t('targets.figures.sourcePlaceholder')} data-testid="figure-source" />
            </Form.Item>
          </Form>
        </div>
      )}
    </Modal>
  );
}

export function TargetsSection({ indicator, titles, onChanged }: { indicator: IndicatorDetail; titles: Map<string, string>; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const [figureFor, setFigureFor] = useState<AssessedTarget | null>(null);
  const byDocument = [...indicator.targets].sort((a, b) => a.target.doc.localeCompare(b.target.doc) || a.target.year - b.target.year);

  const columns: TableProps<AssessedTarget>['columns'] = [
    {
      title: t('targets.columns.document'),
      key: 'doc',
      width: 150,
      render: (_, { target }) => (
        <div>
          <Tooltip title={titles.get(target.doc)}>
            <Tag color="geekblue">{t('targets.docTag', { id: target.doc })}</Tag>
          </Tooltip>
          <div className="qs-target-clause">{target.clause}</div>
          {target.group && <div className="qs-target-latest-meta">{target.domain ? `${target.domain} · ${target.group}` : target.group}</div>}
        </div>
      ),
    },
    {
      title: t('targets.columns.target'),
      key: 'target',
      width: 280,
      render: (_, a) => {
        const { target } = a;
        const figures = indicator.figures.filter((f) => f.targetId === target.id);
        return (
          <div>
            {target.nameAsWritten !== indicator.name && <div className="qs-target-row-name">{target.nameAsWritten}</div>}
            <div className="qs-target-written">{target.targetAsWritten || <span className="qs-muted">{t('targets.noTargetWritten')}</span>}</div>
            <TargetWhen target={target} />
            {target.note && (
              <Tooltip title={localNote(i18n.language, target)}>
                <span className="qs-target-note">{t('targets.readingNote')}</span>
              </Tooltip>
            )}
            {target.target.kind === 'external' && (
              <div className="qs-target-figures" data-testid="target-figures">
                {figures.length === 0 ? (
                  <Typography.Text type="secondary" className="qs-small">
                    {t('targets.figures.none')}
                  </Typography.Text>
                ) : (
                  figures.map((f) => (
                    <div key={f.year} className="qs-small">
                      {t('targets.figures.line', { year: f.year, value: withUnit(plain(f.value), indicator.unit), source: f.source })}
                    </div>
                  ))
                )}
                {indicator.standing.manages && (
                  <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setFigureFor(a)} data-testid="figure-open">
                    {t('targets.figures.enter')}
                  </Button>
                )}
              </div>
            )}
          </div>
        );
      },
    },
    { title: t('targets.columns.attribute'), key: 'attribute', width: 90, render: (_, { target }) => <AttributeTag attribute={target.attribute} /> },
    {
      title: t('targets.columns.units'),
      key: 'units',
      width: 220,
      render: (_, { target }) => {
        const lead = target.units.filter((u) => u.role !== 'responsible');
        const responsible = target.units.filter((u) => u.role === 'responsible');
        if (target.units.length === 0) return <span className="qs-muted">—</span>;
        return (
          <div className="qs-target-units">
            {lead.map((u) => (
              <Tag key={`${u.role}-${u.organisationId}`} color={ROLE_TAG_COLORS[u.role]} className="qs-unit-tag">
                {t(`tasks.roles.${u.role}`)} {u.name}
              </Tag>
            ))}
            {responsible.length > 0 && (
              <Tooltip title={responsible.map((u) => u.name).join(t('tasks.separator'))}>
                <Tag color={ROLE_TAG_COLORS.responsible} className="qs-unit-tag">
                  {t('targets.responsibleCount', { count: responsible.length })}
                </Tag>
              </Tooltip>
            )}
          </div>
        );
      },
    },
    { title: t('targets.columns.assessment'), key: 'assessment', render: (_, a) => <AssessmentCell assessment={a.assessment} full /> },
  ];

  return (
    <Card
      className="qs-card"
      title={
        <span>
          <span className="qs-card-title-icon">
            <AimOutlined />
          </span>
          {t('targets.targetsSection.title', { count: indicator.targets.length })}
        </span>
      }
      data-testid="indicator-targets"
    >
      <Table<AssessedTarget>
        size="small"
        rowKey={(a) => a.target.id}
        dataSource={byDocument}
        columns={columns}
        pagination={false}
        scroll={{ x: 1000 }}
        onRow={(a) => ({ 'data-testid': 'indicator-target', 'data-doc': a.target.doc }) as HTMLAttributes<HTMLElement>}
      />
      <FigureModal
        target={figureFor}
        indicator={indicator}
        onClose={() => setFigureFor(null)}
        onSaved={() => {
          setFigureFor(null);
          onChanged();
        }}
      />
    </Card>
  );
}
