// One screening rule in the coordinator's edit: the layer and one of its zones (or all), the project
// category (or all), whether it applies on overlap or within a distance, the verdict, and its basis
// with the document and clause it comes from (000–004, or 法律法规 alone).
import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RuleInput, SourceDocument } from './adminTypes.ts';
import { RULE_VERDICTS } from './adminTypes.ts';
import { localName } from './LayerTree.tsx';
import type { Category, LayerView, RuleVerdict } from './types.ts';
import { RuleVerdictTag } from './verdicts.tsx';

/** Stands for null (all zones, all categories, no city document) in a select. */
const ALL = '__all__';

interface RuleFormValues {
  layer: string;
  zone: string;
  category: string;
  withinM?: number | null;
  verdict: RuleVerdict;
  basis: string;
  doc: string;
  clause?: string;
  featureFilter?: string;
}

/** {"basin":"嘉陵江"} ⇄ "basin=嘉陵江", one condition a line. */
export function filterText(filter: Record<string, string> | null | undefined): string {
  return Object.entries(filter ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}

function parseFilter(text: string | undefined): Record<string, string> | null | 'invalid' {
  const lines = (text ?? '')
    .split(/\n|\uff1b|;/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0) return null;
  const out: Record<string, string> = {};
  for (const line of lines) {
    const i = line.search(/[=\uff1d]/);
    if (i <= 0 || i === line.length - 1) return 'invalid';
    out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}

export function RuleEditModal({
  rule,
  layers,
  categories,
  documents,
  onSave,
  onClose,
}: {
  /** null for a new rule. */
  rule: RuleInput | null;
  layers: readonly LayerView[];
  categories: readonly Category[];
  documents: readonly SourceDocument[];
  onSave: (rule: RuleInput) => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<RuleFormValues>();
  const layerCode = Form.useWatch('layer', form) ?? rule?.layer;
  const zones = layers.find((l) => l.code === layerCode)?.zones ?? [];

  const initialValues: Partial<RuleFormValues> = rule
    ? {
        layer: rule.layer,
        zone: rule.zone ?? ALL,
        category: rule.category ?? ALL,
        withinM: rule.withinM ?? null,
        verdict: rule.verdict,
        basis: rule.basis,
        doc: rule.doc ?? ALL,
        clause: rule.clause ?? '',
        featureFilter: filterText(rule.featureFilter),
      }
    : { zone: ALL, category: ALL, withinM: null, verdict: 'prohibited', doc: ALL };

  const finish = (v: RuleFormValues) => {
    const filter = parseFilter(v.featureFilter);
    if (filter === 'invalid') {
      form.setFields([{ name: 'featureFilter', errors: [t('spatial.rules.edit.filterInvalid')] }]);
      return;
    }
    onSave({
      layer: v.layer,
      zone: v.zone === ALL ? null : v.zone,
      category: v.category === ALL ? null : v.category,
      featureFilter: filter,
      withinM: v.withinM ?? null,
      verdict: v.verdict,
      basis: v.basis.trim(),
      doc: v.doc === ALL ? null : v.doc,
      clause: v.clause?.trim() || null,
    });
  };

  return (
    <Modal
      open
      title={rule ? t('spatial.rules.edit.editTitle') : t('spatial.rules.edit.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'rule-edit-submit' } as { [k: `data-${string}`]: string }}
      width={680}
      destroyOnHidden
    >
      <div data-testid="rule-edit-modal">
        <Form<RuleFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={finish}>
          <div className="qs-spatial-form-row">
            <Form.Item name="layer" label={t('spatial.rules.cols.layer')} rules={[{ required: true, message: t('spatial.form.required') }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={layers.map((l) => ({ value: l.code, label: localName(l, i18n.language) }))}
                onChange={() => form.setFieldValue('zone', ALL)}
                data-testid="rule-edit-layer"
              />
            </Form.Item>
            <Form.Item name="zone" label={t('spatial.rules.cols.zone')}>
              <Select
                options={[{ value: ALL, label: t('spatial.rules.allZones') }, ...zones.map((z) => ({ value: z.code, label: localName(z, i18n.language) }))]}
                disabled={zones.length === 0}
                data-testid="rule-edit-zone"
              />
            </Form.Item>
          </div>
          <div className="qs-spatial-form-row">
            <Form.Item name="category" label={t('spatial.rules.cols.category')}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={[{ value: ALL, label: t('spatial.rules.allCategories') }, ...categories.map((c) => ({ value: c.code, label: localName(c, i18n.language) }))]}
                data-testid="rule-edit-category"
              />
            </Form.Item>
            <Form.Item name="withinM" label={t('spatial.rules.edit.withinM')} extra={t('spatial.rules.edit.withinHint')}>
              <InputNumber<number> min={0} max={100000} precision={0} suffix={t('spatial.rules.metres')} style={{ width: '100%' }} placeholder={t('spatial.rules.overlap')} data-testid="rule-edit-within" />
            </Form.Item>
          </div>
          <Form.Item name="verdict" label={t('spatial.rules.cols.verdict')} rules={[{ required: true, message: t('spatial.form.required') }]}>
            <Select<RuleVerdict> options={RULE_VERDICTS.map((v) => ({ value: v, label: <RuleVerdictTag verdict={v} /> }))} data-testid="rule-edit-verdict" />
          </Form.Item>
          <Form.Item name="basis" label={t('spatial.rules.cols.basis')} rules={[{ required: true, whitespace: true, message: t('spatial.form.required') }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount data-testid="rule-edit-basis" />
          </Form.Item>
          <div className="qs-spatial-form-row">
            <Form.Item name="doc" label={t('spatial.rules.edit.doc')}>
              <Select
                options={[{ value: ALL, label: t('spatial.rules.lawOnly') }, ...documents.map((d) => ({ value: d.id, label: `${d.id} ${d.title}` }))]}
                popupMatchSelectWidth={false}
                data-testid="rule-edit-doc"
              />
            </Form.Item>
            <Form.Item name="clause" label={t('spatial.rules.edit.clause')}>
              <Input maxLength={200} placeholder={t('spatial.rules.edit.clausePlaceholder')} data-testid="rule-edit-clause" />
            </Form.Item>
          </div>
          <Form.Item name="featureFilter" label={t('spatial.rules.cols.filter')} extra={t('spatial.rules.edit.filterHint')}>
            <Input.TextArea rows={2} placeholder={t('spatial.rules.filterPlaceholder')} data-testid="rule-edit-filter" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
