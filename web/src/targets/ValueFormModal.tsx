// 填报 / 修改 an indicator value: the scope (the city or the user's district), the year and period, the
// figure — or, for a qualitative indicator, its status — and the source. Changing an approved value
// needs a reason: it is locked, and the change is audited.
import { App as AntApp, Col, Form, Input, InputNumber, Modal, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ProblemAlert, type FormProblem } from '../components/ProblemAlert.tsx';
import { problemOf } from './problem.ts';
import { periodLabel } from './reasons.ts';
import { PERIODS, QUALITATIVE_STATUSES, type IndicatorDetail, type IndicatorValue, type QualitativeStatus } from './types.ts';

interface Values {
  scopeId?: number;
  year?: number;
  period?: string;
  value?: number | null;
  status?: QualitativeStatus | null;
  source?: string;
  note?: string | null;
  reason?: string;
}

const FIELDS = ['scopeId', 'year', 'period', 'value', 'status', 'source', 'note', 'reason'] as const;

/** `editing`: the value to change; without it, a new value is entered. */
export function ValueFormModal({
  indicator,
  editing,
  open,
  onClose,
  onSaved,
}: {
  indicator: IndicatorDetail;
  editing: IndicatorValue | null;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const qualitative = indicator.direction === 'none';
  const locked = editing?.state === 'approved';

  const initial: Values = editing
    ? { value: editing.value, status: editing.status as QualitativeStatus | null, source: editing.source, note: editing.note }
    : { scopeId: indicator.standing.scopes[0]?.id, year: new Date().getFullYear() - 1, period: 'year' };

  const onFinish = async (v: Values) => {
    setSaving(true);
    setProblem(null);
    const figure = qualitative ? { status: v.status ?? null } : { value: v.value ?? null };
    const common = { ...figure, source: v.source!.trim(), note: v.note?.trim() || null };
    try {
      if (editing) {
        const res = await api.patch<{ state: string }>(`/api/indicator-values/${editing.id}`, { ...common, ...(locked ? { reason: v.reason!.trim() } : {}) });
        void message.success(t('targets.form.saved', { state: t(`targets.valueStates.${res.state}`) }));
      } else {
        await api.post<{ id: number }>(`/api/indicators/${indicator.key}/values`, { ...common, scopeId: v.scopeId, year: v.year, period: v.period });
        void message.success(t('targets.form.entered'));
      }
      onSaved();
    } catch (e) {
      setProblem(problemOf(e, t, { instance: form, fields: FIELDS }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t('targets.form.editTitle', { name: indicator.name }) : t('targets.form.enterTitle', { name: indicator.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={editing ? t('common.save') : t('targets.form.enter')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ ...({ 'data-testid': 'value-form-submit' } as { [k: `data-${string}`]: string }) }}
      destroyOnHidden
      width={600}
    >
      <div data-testid="value-form">
        <ProblemAlert problem={problem} />
        {locked && (
          <Typography.Paragraph type="warning" className="qs-small">
            {t('targets.form.lockedHint')}
          </Typography.Paragraph>
        )}
        <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={onFinish} preserve={false} requiredMark="optional">
          {editing ? (
            <Typography.Paragraph className="qs-target-form-fixed">
              {t('targets.form.fixed', { scope: editing.scopeName, year: editing.year, period: periodLabel(t, editing.period) })}
            </Typography.Paragraph>
          ) : (
            <Row gutter={12}>
              <Col xs={24} md={10}>
                <Form.Item name="scopeId" label={t('targets.fields.scope')} rules={[{ required: true, message: t('targets.form.scopeRequired') }]}>
                  <Select options={indicator.standing.scopes.map((s) => ({ value: s.id, label: s.name }))} data-testid="value-scope" />
                </Form.Item>
              </Col>
              <Col xs={12} md={7}>
                <Form.Item name="year" label={t('targets.fields.year')} rules={[{ required: true, message: t('targets.form.yearRequired') }]}>
                  <InputNumber min={1990} max={2100} precision={0} style={{ width: '100%' }} data-testid="value-year" />
                </Form.Item>
              </Col>
              <Col xs={12} md={7}>
                <Form.Item name="period" label={t('targets.fields.period')} rules={[{ required: true, message: t('targets.form.periodRequired') }]}>
                  <Select options={PERIODS.map((p) => ({ value: p, label: periodLabel(t, p) }))} data-testid="value-period" />
                </Form.Item>
              </Col>
            </Row>
          )}
          {qualitative ? (
            <Form.Item name="status" label={t('targets.fields.status')} rules={[{ required: true, message: t('targets.form.statusRequired') }]}>
              <Select options={QUALITATIVE_STATUSES.map((s) => ({ value: s, label: t(`targets.qualitative.${s}`) }))} data-testid="value-status" />
            </Form.Item>
          ) : (
            <Form.Item
              name="value"
              label={indicator.unit ? t('targets.fields.valueWithUnit', { unit: indicator.unit }) : t('targets.fields.value')}
              rules={[{ required: true, message: t('targets.form.valueRequired') }]}
            >
              <InputNumber style={{ width: '100%' }} data-testid="value-value" />
            </Form.Item>
          )}
          <Form.Item
            name="source"
            label={t('targets.fields.source')}
            rules={[
              { required: true, whitespace: true, message: t('targets.form.sourceRequired') },
              { max: 500, message: t('validation.maxLength', { max: 500 }) },
            ]}
          >
            <Input placeholder={t('targets.form.sourcePlaceholder')} maxLength={500} data-testid="value-source" />
          </Form.Item>
          <Form.Item name="note" label={t('targets.fields.note')} rules={[{ max: 2000, message: t('validation.maxLength', { max: 2000 }) }]}>
            <Input.TextArea rows={2} maxLength={2000} data-testid="value-note" />
          </Form.Item>
          {locked && (
            <Form.Item
              name="reason"
              label={t('targets.form.reason')}
              rules={[
                { required: true, whitespace: true, message: t('targets.form.reasonRequired') },
                { max: 2000, message: t('validation.maxLength', { max: 2000 }) },
              ]}
            >
              <Input.TextArea rows={3} maxLength={2000} placeholder={t('targets.form.reasonPlaceholder')} data-testid="value-reason" />
            </Form.Item>
          )}
        </Form>
      </div>
    </Modal>
  );
}
