// The screening form: the project (name, category, key attributes) and its site — drawn on the map,
// pasted as 界址点坐标, or uploaded as GeoJSON / a zipped Shapefile.
import { DeleteOutlined, EditOutlined, MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, InputNumber, Radio, Segmented, Select, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert, type FormProblem } from '../components/ProblemAlert.tsx';
import { localName } from './LayerTree.tsx';
import type { MapTool } from './SpatialMap.tsx';
import { gaussKrugerOptions, readSiteFile, type DrawKind, type SiteDraft, type SiteMode } from './siteInput.ts';
import type { Category, Geometry } from './types.ts';

export interface ScreeningFormValues {
  projectName: string;
  category: string;
  attributes?: { key?: string; value?: string }[];
}

const SRID_OPTIONS = gaussKrugerOptions();
const AUTO = 0;

function drawnSummary(geometry: Geometry, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (geometry.type === 'Point') return t('spatial.site.drawnPoint', { lon: geometry.coordinates[0].toFixed(5), lat: geometry.coordinates[1].toFixed(5) });
  if (geometry.type === 'LineString') return t('spatial.site.drawnLine', { count: geometry.coordinates.length });
  if (geometry.type === 'Polygon') return t('spatial.site.drawnPolygon', { count: Math.max(0, (geometry.coordinates[0]?.length ?? 1) - 1) });
  return t('spatial.site.drawnOther');
}

/** Attribute values that read as numbers go as numbers (投资额 10000), the others as text. */
export function attributesOf(rows: ScreeningFormValues['attributes']): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const row of rows ?? []) {
    const key = row.key?.trim();
    const value = row.value?.trim();
    if (!key || !value) continue;
    out[key] = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  }
  return out;
}

export function ScreeningForm({
  categories,
  categoriesLoading,
  draft,
  onDraft,
  tool,
  onTool,
  siteProblem,
  problem,
  submitting,
  onSubmit,
}: {
  categories: readonly Category[];
  categoriesLoading: boolean;
  draft: SiteDraft;
  onDraft: (change: Partial<SiteDraft>) => void;
  tool: MapTool | null;
  onTool: (tool: MapTool | null) => void;
  siteProblem: string | null;
  problem: FormProblem | null;
  submitting: boolean;
  onSubmit: (values: ScreeningFormValues) => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<ScreeningFormValues>();
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const drawing = tool === `draw-${draft.drawKind}`;

  const sridSelect = (
    <Select<number>
      value={draft.srid ?? AUTO}
      onChange={(v) => onDraft({ srid: v === AUTO ? null : v })}
      showSearch={{ optionFilterProp: 'label' }}
      options={[
        { value: AUTO, label: t('spatial.site.sridAuto') },
        ...SRID_OPTIONS.map((o) => ({
          value: o.srid,
          label: o.prefixed
            ? t('spatial.site.sridZone', { zone: o.zone, srid: o.srid })
            : t('spatial.site.sridMeridian', { meridian: o.centralMeridian, srid: o.srid }),
        })),
      ]}
      data-testid="site-srid"
    />
  );

  return (
    <Form<ScreeningFormValues> form={form} layout="vertical" onFinish={onSubmit} initialValues={{ attributes: [{ key: '', value: '' }] }} data-testid="screening-form" requiredMark="optional">
      <Form.Item name="projectName" label={t('spatial.form.projectName')} rules={[{ required: true, whitespace: true, message: t('spatial.form.required') }]}>
        <Input maxLength={200} autoComplete="off" data-testid="screening-project-name" />
      </Form.Item>
      <Form.Item name="category" label={t('spatial.form.category')} rules={[{ required: true, message: t('spatial.form.required') }]}>
        <Select
          loading={categoriesLoading}
          options={categories.map((c) => ({ value: c.code, label: localName(c, i18n.language) }))}
          placeholder={t('spatial.form.categoryPlaceholder')}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="screening-category"
        />
      </Form.Item>
      <Form.Item label={t('spatial.form.attributes')} tooltip={t('spatial.form.attributesHint')}>
        <Form.List name="attributes">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <div key={field.key} className="qs-spatial-attr-row">
                  <Form.Item name={[field.name, 'key']} noStyle>
                    <Input placeholder={t('spatial.form.attributeKey')} style={{ width: '48%' }} aria-label={t('spatial.form.attributeKey')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'value']} noStyle>
                    <Input placeholder={t('spatial.form.attributeValue')} aria-label={t('spatial.form.attributeValue')} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('spatial.form.removeAttribute')} />
                </div>
              ))}
              <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ key: '', value: '' })}>
                {t('spatial.form.addAttribute')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>

      <Form.Item label={t('spatial.site.title')} required>
        <Segmented<SiteMode>
          block
          value={draft.mode}
          onChange={(mode) => {
            onTool(null);
            onDraft({ mode });
          }}
          options={[
            { value: 'draw', label: t('spatial.site.modeDraw') },
            { value: 'points', label: t('spatial.site.modePoints') },
            { value: 'file', label: t('spatial.site.modeFile') },
          ]}
          data-testid="site-mode"
        />
      </Form.Item>

      {draft.mode === 'draw' && (
        <div className="qs-spatial-site" data-testid="site-draw-panel">
          <Radio.Group
            value={draft.drawKind}
            onChange={(e) => {
              onTool(null);
              onDraft({ drawKind: e.target.value as DrawKind, drawn: null });
            }}
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'polygon', label: t('spatial.site.polygon') },
              { value: 'point', label: t('spatial.site.point') },
              { value: 'line', label: t('spatial.site.line') },
            ]}
            data-testid="draw-kind"
          />
          {draft.drawKind === 'point' && (
            <Form.Item label={t('spatial.site.radius')} style={{ marginTop: 12, marginBottom: 0 }}>
              <InputNumber min={1} max={50000} value={draft.radiusM} onChange={(v) => onDraft({ radiusM: v })} suffix="m" style={{ width: 160 }} data-testid="site-radius" />
            </Form.Item>
          )}
          {draft.drawKind === 'line' && (
            <Form.Item label={t('spatial.site.width')} style={{ marginTop: 12, marginBottom: 0 }}>
              <InputNumber min={1} max={5000} value={draft.widthM} onChange={(v) => onDraft({ widthM: v })} suffix="m" style={{ width: 160 }} data-testid="site-width" />
            </Form.Item>
          )}
          <Space style={{ marginTop: 12 }} wrap>
            <Button icon={<EditOutlined />} type={drawing ? 'primary' : 'default'} onClick={() => onTool(drawing ? null : (`draw-${draft.drawKind}` as MapTool))} data-testid="site-draw">
              {drawing ? t('spatial.site.drawing') : draft.drawn ? t('spatial.site.redraw') : t('spatial.site.draw')}
            </Button>
            {draft.drawn && (
              <Button icon={<DeleteOutlined />} onClick={() => onDraft({ drawn: null })} data-testid="site-clear">
                {t('spatial.site.clear')}
              </Button>
            )}
          </Space>
          {drawing && (
            <Typography.Paragraph type="secondary" className="qs-small qs-spatial-site-status">
              {t(`spatial.site.hint.${draft.drawKind}`)}
            </Typography.Paragraph>
          )}
          {draft.drawn && (
            <Typography.Paragraph className="qs-small qs-spatial-site-status" data-testid="site-status">
              {drawnSummary(draft.drawn, t)}
            </Typography.Paragraph>
          )}
        </div>
      )}

      {draft.mode === 'points' && (
        <div className="qs-spatial-site" data-testid="site-points-panel">
          <Form.Item label={t('spatial.site.srid')} style={{ marginBottom: 12 }}>
            {sridSelect}
          </Form.Item>
          <Input.TextArea
            value={draft.pointsText}
            onChange={(e) => onDraft({ pointsText: e.target.value })}
            autoSize={{ minRows: 5, maxRows: 12 }}
            placeholder={'J1 3525342.118 36443051.208\nJ2 3525342.118 36443351.208\nJ3 3525042.118 36443351.208\nJ4 3525042.118 36443051.208'}
            className="qs-spatial-mono"
            data-testid="site-points"
          />
          <Typography.Paragraph type="secondary" className="qs-small qs-spatial-site-status">
            {t('spatial.site.pointsHint')}
          </Typography.Paragraph>
        </div>
      )}

      {draft.mode === 'file' && (
        <div className="qs-spatial-site" data-testid="site-file-panel">
          <Upload
            accept=".geojson,.json,.zip"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(file) => {
              setFileProblem(null);
              void readSiteFile(file).then((result) => {
                if (typeof result === 'string') {
                  onDraft({ file: null });
                  setFileProblem(t(`spatial.site.file.${result}`));
                } else onDraft({ file: { name: file.name, geometry: result.geometry, srid: result.srid } });
              });
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="site-upload">
              {t('spatial.site.file.choose')}
            </Button>
          </Upload>
          <Typography.Paragraph type="secondary" className="qs-small qs-spatial-site-status">
            {t('spatial.site.file.hint')}
          </Typography.Paragraph>
          {draft.file && (
            <Typography.Paragraph className="qs-small" data-testid="site-status">
              {t('spatial.site.file.loaded', { name: draft.file.name })}
            </Typography.Paragraph>
          )}
          {draft.file && draft.file.srid === null && (
            <Form.Item label={t('spatial.site.srid')} extra={t('spatial.site.file.sridHint')}>
              {sridSelect}
            </Form.Item>
          )}
          {fileProblem && <Alert type="error" showIcon title={fileProblem} />}
        </div>
      )}

      {siteProblem && <Alert type="warning" showIcon style={{ marginTop: 12 }} title={siteProblem} data-testid="site-problem" />}
      <div style={{ marginTop: 16 }}>
        <ProblemAlert problem={problem} />
        <Button type="primary" htmlType="submit" block size="large" loading={submitting} data-testid="screening-submit">
          {t('spatial.form.submit')}
        </Button>
      </div>
    </Form>
  );
}
