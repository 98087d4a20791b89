// 数据导入: a CSV or XLSX of air hourly data or water samples. The server checks every row and imports
// all or nothing: a refused file comes back with each problem by row and column, an accepted one with
// its counts.
import { CloudUploadOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Radio, Table, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError, type FieldError } from '../../api.ts';
import { ProblemAlert, type FormProblem } from '../../components/ProblemAlert.tsx';
import { MonitoringHeader } from '../../monitoring/MonitoringHeader.tsx';
import '../../monitoring/monitoring.css';
import type { ImportResult, Medium } from '../../monitoring/types.ts';
import { IMPORT_TEMPLATES, PROBLEM_PLACE } from '../../../../src/monitoring/data/file-layout.ts';

const TEMPLATES: Record<Medium, string> = IMPORT_TEMPLATES;

/** A problem located by the server as "第3行 站点编码" (CSV) or "Sheet1!第3行 站点编码" (XLSX), or "表头". */
interface RowProblem {
  key: number;
  sheet: string | null;
  row: number | null;
  column: string;
  message: string;
}

const LOCATED = PROBLEM_PLACE;

function rowProblems(errors: readonly FieldError[]): RowProblem[] {
  return errors.map((e, key) => {
    const m = LOCATED.exec(e.field);
    return m ? { key, sheet: m[1] ?? null, row: Number(m[2]), column: m[3] ?? '', message: e.message } : { key, sheet: null, row: null, column: e.field, message: e.message };
  });
}

function downloadTemplate(medium: Medium, name: string): void {
  // The BOM lets Excel read the Chinese headers as UTF-8.
  const url = URL.createObjectURL(new Blob(['\uFEFF', TEMPLATES[medium]], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

type Outcome = { kind: 'accepted'; result: ImportResult; file: string } | { kind: 'refused'; problem: FormProblem; rows: RowProblem[]; file: string };

export function ImportPage() {
  const { t } = useTranslation();
  const [medium, setMedium] = useState<Medium>('air');
  const [file, setFile] = useState<UploadFile | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const submit = async () => {
    const raw = file?.originFileObj;
    if (!raw || !file) return;
    const body = new FormData();
    body.append('file', raw, file.name);
    setBusy(true);
    setOutcome(null);
    try {
      const result = await api.post<ImportResult>(`/api/monitoring/${medium}/import`, body);
      setOutcome({ kind: 'accepted', result, file: file.name });
      setFile(null);
    } catch (e) {
      const problem: FormProblem = isApiError(e) ? { title: e.title, ...(e.detail ? { detail: e.detail } : {}), extra: [] } : { title: t('errors.unexpected'), extra: [] };
      setOutcome({ kind: 'refused', problem, rows: isApiError(e) ? rowProblems(e.errors ?? []) : [], file: file.name });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="qs-page" data-testid="monitoring-import">
      <MonitoringHeader view="import" description={t('monitoring.import.description')} />
      <Card className="qs-card">
        <div className="qs-toolbar">
          <Radio.Group
            value={medium}
            onChange={(e) => {
              setMedium(e.target.value as Medium);
              setOutcome(null);
            }}
            optionType="button"
            buttonStyle="solid"
            options={(['air', 'water'] as const).map((m) => ({ value: m, label: t(`monitoring.import.media.${m}`) }))}
            data-testid="import-medium"
          />
          <div className="qs-toolbar-spacer" />
          <Button icon={<DownloadOutlined />} onClick={() => downloadTemplate(medium, t(`monitoring.import.templateName.${medium}`))} data-testid="import-template">
            {t('monitoring.import.template')}
          </Button>
        </div>
        <Typography.Paragraph type="secondary" className="qs-small" data-testid="import-format">
          {t(`monitoring.import.format.${medium}`)}
        </Typography.Paragraph>
        <Upload.Dragger
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          maxCount={1}
          fileList={file ? [file] : []}
          beforeUpload={() => false}
          onChange={({ fileList }) => {
            setFile(fileList.at(-1) ?? null);
            setOutcome(null);
          }}
          data-testid="import-file"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('monitoring.import.drop')}</p>
          <p className="ant-upload-hint">{t('monitoring.import.dropHint')}</p>
        </Upload.Dragger>
        <div className="qs-mon-import-actions">
          <Button type="primary" icon={<CloudUploadOutlined />} disabled={!file} loading={busy} onClick={() => void submit()} data-testid="import-submit">
            {t('monitoring.import.submit')}
          </Button>
        </div>
      </Card>
      {outcome?.kind === 'accepted' && (
        <Card className="qs-card" data-testid="import-accepted">
          <Alert type="success" showIcon title={t('monitoring.import.accepted', { file: outcome.file })} style={{ marginBottom: 16 }} />
          <Descriptions
            size="small"
            column={{ xs: 1, md: 4 }}
            items={(['records', 'values', 'written', 'kept'] as const).map((k) => ({
              key: k,
              label: t(`monitoring.import.counts.${k}`),
              children: <span data-testid={`import-count-${k}`}>{outcome.result[k]}</span>,
            }))}
          />
          {outcome.result.kept > 0 && (
            <Typography.Paragraph type="secondary" className="qs-small">
              {t('monitoring.import.keptHint')}
            </Typography.Paragraph>
          )}
        </Card>
      )}
      {outcome?.kind === 'refused' && (
        <Card className="qs-card" data-testid="import-refused">
          <ProblemAlert problem={outcome.problem} />
          {outcome.rows.length > 0 && (
            <Table<RowProblem>
              rowKey="key"
              size="small"
              dataSource={outcome.rows}
              pagination={outcome.rows.length > 20 ? { pageSize: 20, showSizeChanger: false, showTotal: (total) => t('common.totalItems', { count: total }) } : false}
              columns={[
                {
                  title: t('monitoring.import.errorRow'),
                  key: 'row',
                  width: 120,
                  render: (_, r) => (r.row === null ? <span className="qs-muted">{r.column}</span> : r.sheet ? `${r.sheet} · ${r.row}` : r.row),
                },
                { title: t('monitoring.import.errorColumn'), key: 'column', width: 160, render: (_, r) => (r.row === null ? '' : r.column) },
                { title: t('monitoring.import.errorMessage'), dataIndex: 'message' },
              ]}
              onRow={() => ({ 'data-testid': 'import-error-row' }) as HTMLAttributes<HTMLElement>}
              data-testid="import-errors"
            />
          )}
        </Card>
      )}
    </div>
  );
}
