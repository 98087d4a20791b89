// 导入新版本: a layer file (zipped Shapefile, GeoJSON, GeoPackage) with its coordinate system and
// attribute encoding — each automatic unless chosen — a note, and whether features that cannot be
// stored are skipped. The upload shows its progress; a refusal says why in words and marks the field
// to correct (a file without .prj: the coordinate system); a success shows the report and the first
// imported features by name, so that wrongly decoded Chinese is seen at once.
import { InboxOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, InputNumber, Modal, Progress, Result, Select, Table, Tag, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api.ts';
import { ProblemAlert, type FormProblem } from '../components/ProblemAlert.tsx';
import type { ImportReport, ImportedVersion } from './adminTypes.ts';
import { isKnownSrid, LISTED_SRIDS, sridLabel } from './coordinateSystems.ts';
import { ImportReportView } from './ImportReportView.tsx';
import type { LayerView } from './types.ts';
import { ImportRefused, uploadLayerVersion } from './uploadLayer.ts';
import './spatial-admin.css';

const ACCEPT = '.zip,.geojson,.json,.gpkg';
const MAX_BYTES = 200 * 1024 * 1024;
const ENCODINGS = ['GBK', 'UTF-8'] as const;
const SAMPLE_FEATURES = 20;

type SridChoice = 'auto' | 'other' | (typeof LISTED_SRIDS)[number];

interface ImportFormValues {
  srid: SridChoice;
  otherSrid?: number | null;
  encoding: 'auto' | (typeof ENCODINGS)[number];
  note?: string;
  skipRefused: boolean;
}

interface SampleFeature {
  id: number | string;
  name: string | null;
  zoneName: string | null;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function LayerImportModal({ layer, onClose, onImported }: { layer: LayerView; onClose: () => void; onImported: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ImportFormValues>();
  const sridChoice = Form.useWatch('srid', form);
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [refusedReport, setRefusedReport] = useState<ImportReport | null>(null);
  const [done, setDone] = useState<ImportedVersion | null>(null);
  const [sample, setSample] = useState<SampleFeature[] | null>(null);
  const uploading = progress !== null;

  const submit = async (values: ImportFormValues) => {
    if (!file) {
      setFileProblem(t('spatial.layers.import.fileRequired'));
      return;
    }
    setProblem(null);
    setRefusedReport(null);
    const srid = values.srid === 'auto' ? undefined : values.srid === 'other' ? (values.otherSrid ?? undefined) : values.srid;
    setProgress({ sent: 0, total: file.size });
    try {
      const created = await uploadLayerVersion(
        layer.code,
        { file, ...(srid !== undefined ? { srid } : {}), ...(values.encoding !== 'auto' ? { encoding: values.encoding } : {}), ...(values.note?.trim() ? { note: values.note.trim() } : {}), skipRefused: values.skipRefused },
        (sent, total) => setProgress({ sent, total }),
      );
      setDone(created);
      onImported();
      api
        .get<{ features: { id: number | string; properties: { name?: string | null; zoneName?: string | null } }[] }>(`/api/spatial/layers/${layer.code}/features`, { version: created.version, limit: SAMPLE_FEATURES })
        .then(
          (fc) => setSample(fc.features.map((f) => ({ id: f.id, name: f.properties.name ?? null, zoneName: f.properties.zoneName ?? null }))),
          () => setSample([]),
        );
    } catch (e) {
      if (isApiError(e)) {
        const byField = new Map((e.errors ?? []).map((x) => [x.field, x.message]));
        const sridError = byField.get('srid');
        if (sridError) form.setFields([{ name: 'srid', errors: [t('spatial.layers.import.chooseCrs')] }]);
        const encodingError = byField.get('encoding');
        if (encodingError) form.setFields([{ name: 'encoding', errors: [encodingError] }]);
        const fileError = byField.get('file');
        if (fileError) setFileProblem(fileError);
        setProblem({ title: t('spatial.layers.import.refused'), detail: e.detail ?? e.title, extra: [] });
        if (e instanceof ImportRefused) setRefusedReport(e.report);
      } else {
        setProblem({ title: t('errors.unexpected'), extra: [] });
      }
    } finally {
      setProgress(null);
    }
  };

  const fileList: UploadFile[] = file ? [{ uid: 'file', name: file.name, size: file.size, status: 'done' }] : [];

  if (done) {
    return (
      <Modal
        open
        title={t('spatial.layers.import.title', { layer: layer.name })}
        onCancel={onClose}
        footer={
          <Button type="primary" onClick={onClose} data-testid="layer-import-close">
            {t('spatial.layers.import.close')}
          </Button>
        }
        width={760}
        destroyOnHidden
      >
        <div data-testid="layer-import-done" data-version={done.version}>
          <Result
            status="success"
            className="qs-spatial-import-result"
            title={t('spatial.layers.import.success', { version: done.version, count: done.featureCount })}
            subTitle={t('spatial.layers.import.successHint')}
          />
          <ImportReportView report={done.report} />
          <div className="qs-spatial-report-block" data-testid="import-sample">
            <Typography.Text strong>{t('spatial.layers.import.sample', { count: Math.min(done.featureCount, SAMPLE_FEATURES) })}</Typography.Text>
            <Table<SampleFeature>
              rowKey="id"
              size="small"
              loading={sample === null}
              dataSource={sample ?? []}
              pagination={false}
              columns={[
                { title: t('spatial.layers.report.name'), key: 'name', render: (_, f) => <span data-testid="sample-name">{f.name ?? t('spatial.identify.unnamed')}</span> },
                { title: t('spatial.identify.zone'), key: 'zone', width: 160, render: (_, f) => f.zoneName ?? '—' },
              ]}
              onRow={() => ({ 'data-testid': 'sample-row' }) as HTMLAttributes<HTMLElement>}
            />
          </div>
        </div>
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={t('spatial.layers.import.title', { layer: layer.name })}
      onCancel={uploading ? undefined : onClose}
      closable={!uploading}
      maskClosable={false}
      onOk={() => form.submit()}
      okText={t('spatial.layers.import.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={uploading}
      cancelButtonProps={{ disabled: uploading }}
      okButtonProps={{ 'data-testid': 'layer-import-submit' } as { [k: `data-${string}`]: string }}
      width={680}
      destroyOnHidden
    >
      <div className="qs-spatial-import" data-testid="layer-import-modal">
        <Typography.Paragraph type="secondary" className="qs-small">
          {t('spatial.layers.import.intro', { version: (layer.current?.version ?? 0) + 1 })}
        </Typography.Paragraph>
        <ProblemAlert problem={problem} />
        {refusedReport && (
          <div className="qs-spatial-report-block" data-testid="layer-import-refused-report">
            <ImportReportView report={refusedReport} testId="import-refused-report" />
          </div>
        )}
        <Form<ImportFormValues>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{ srid: 'auto', encoding: 'auto', skipRefused: false }}
          disabled={uploading}
        >
          <Form.Item label={t('spatial.layers.import.file')} required validateStatus={fileProblem ? 'error' : undefined} help={fileProblem ?? t('spatial.layers.import.fileHint', { max: formatBytes(MAX_BYTES) })}>
            <Upload.Dragger
              accept={ACCEPT}
              maxCount={1}
              fileList={fileList}
              beforeUpload={(f) => {
                setFileProblem(f.size > MAX_BYTES ? t('spatial.layers.import.tooLarge', { max: formatBytes(MAX_BYTES) }) : null);
                setFile(f);
                setProblem(null);
                setRefusedReport(null);
                // Sent with the form, not on its own.
                return false;
              }}
              onRemove={() => {
                setFile(null);
                return true;
              }}
              itemRender={(_, item) => (
                <div className="qs-spatial-upload-item" data-testid="layer-import-file">
                  <span>{item.name}</span>
                  <Tag>{formatBytes(item.size ?? 0)}</Tag>
                </div>
              )}
              data-testid="layer-import-upload"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('spatial.layers.import.drop')}</p>
              <p className="ant-upload-hint">{t('spatial.layers.import.formats')}</p>
            </Upload.Dragger>
          </Form.Item>
          <Form.Item name="srid" label={t('spatial.layers.import.crs')} extra={t('spatial.layers.import.crsHint')}>
            <Select<SridChoice>
              data-testid="layer-import-srid"
              onChange={() => form.setFields([{ name: 'srid', errors: [] }])}
              options={[
                { value: 'auto', label: t('spatial.layers.import.crsAuto') },
                ...LISTED_SRIDS.map((srid) => ({ value: srid, label: sridLabel(t, srid) })),
                { value: 'other', label: t('spatial.layers.import.crsOther') },
              ]}
            />
          </Form.Item>
          {sridChoice === 'other' && (
            <Form.Item
              name="otherSrid"
              label={t('spatial.layers.import.epsg')}
              rules={[
                { required: true, message: t('spatial.layers.import.epsgRequired') },
                { validator: async (_, v: number | null) => (v == null || isKnownSrid(v) ? undefined : Promise.reject(new Error(t('spatial.layers.import.epsgUnknown')))) },
              ]}
            >
              <InputNumber<number> min={1000} max={999999} precision={0} prefix="EPSG:" style={{ width: 220 }} data-testid="layer-import-epsg" />
            </Form.Item>
          )}
          <Form.Item name="encoding" label={t('spatial.layers.import.encoding')} extra={t('spatial.layers.import.encodingHint')}>
            <Select
              data-testid="layer-import-encoding"
              options={[{ value: 'auto', label: t('spatial.layers.import.encodingAuto') }, ...ENCODINGS.map((e) => ({ value: e, label: e }))]}
            />
          </Form.Item>
          <Form.Item name="note" label={t('spatial.layers.import.note')}>
            <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('spatial.layers.import.notePlaceholder')} data-testid="layer-import-note" />
          </Form.Item>
          <Form.Item name="skipRefused" valuePropName="checked" extra={t('spatial.layers.import.skipHint')}>
            <Checkbox data-testid="layer-import-skip">{t('spatial.layers.import.skip')}</Checkbox>
          </Form.Item>
        </Form>
        {progress && (
          <div data-testid="layer-import-progress">
            <Progress percent={progress.total ? Math.min(100, Math.round((progress.sent / progress.total) * 100)) : 0} status="active" />
            <Typography.Text type="secondary" className="qs-small">
              {progress.sent >= progress.total
                ? t('spatial.layers.import.processing')
                : t('spatial.layers.import.uploading', { sent: formatBytes(progress.sent), total: formatBytes(progress.total) })}
            </Typography.Text>
          </div>
        )}
      </div>
    </Modal>
  );
}
