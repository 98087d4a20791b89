// An import report as the coordinator reads it: what was read, imported, repaired and refused (each
// feature with its reason), the coordinate system and the attribute encoding used and how each was
// decided, and the warnings and notes of the reader.
import { Alert, Descriptions, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { localiseServerText } from '../api.ts';
import type { FeatureNote, ImportReport } from './adminTypes.ts';
import { sridLabel } from './coordinateSystems.ts';

const CJK = /[\u3400-\u9fff]/;

/** A reader's note in the current language: "中文 / English" halves, also when the slash follows a full-width bracket. */
function noteText(raw: string, language: string): string {
  const text = localiseServerText(raw);
  const split = /^(.*[\u3400-\u9fff\uff09)])\s*\/\s*([^\u3400-\u9fff]+)$/.exec(text);
  if (!split || !CJK.test(split[1]!)) return text;
  return language === 'en' ? split[2]!.trim() : split[1]!.trim();
}

export function ImportReportView({ report, testId = 'import-report' }: { report: Partial<ImportReport>; testId?: string }) {
  const { t, i18n } = useTranslation();
  const counts = report.counts;
  const listedOut = counts ? counts.refused - (report.refused?.length ?? 0) + counts.repaired - (report.repaired?.length ?? 0) : 0;
  return (
    <div className="qs-spatial-report" data-testid={testId}>
      <Descriptions size="small" column={1} bordered>
        {report.sourceName && (
          <Descriptions.Item label={t('spatial.layers.report.file')}>
            {report.sourceName}
            {report.format && <span className="qs-muted">{` · ${t(`spatial.layers.format.${report.format}`)}`}</span>}
          </Descriptions.Item>
        )}
        {report.srid !== undefined && (
          <Descriptions.Item label={t('spatial.layers.report.crs')}>
            <span data-testid="report-srid" data-srid={report.srid}>
              {sridLabel(t, report.srid)}
            </span>
            {report.sridSource && <Tag className="qs-spatial-report-source">{t(`spatial.layers.report.sridSource.${report.sridSource}`)}</Tag>}
            <div className="qs-muted qs-small">{t('spatial.layers.report.storedAs')}</div>
          </Descriptions.Item>
        )}
        {report.format === 'shapefile' || report.encoding ? (
          <Descriptions.Item label={t('spatial.layers.report.encoding')}>
            <span data-testid="report-encoding">{report.encoding?.toUpperCase() ?? '—'}</span>
            {report.encodingSource && <Tag className="qs-spatial-report-source">{t(`spatial.layers.report.encodingSource.${report.encodingSource}`)}</Tag>}
          </Descriptions.Item>
        ) : null}
        {counts && (
          <Descriptions.Item label={t('spatial.layers.report.features')}>
            <span data-testid="report-counts" data-imported={counts.imported} data-repaired={counts.repaired} data-refused={counts.refused}>
              {t('spatial.layers.report.counts', counts)}
            </span>
            {report.skippedRefused && counts.refused > 0 && <Tag color="orange" className="qs-spatial-report-source">{t('spatial.layers.report.skipped')}</Tag>}
          </Descriptions.Item>
        )}
      </Descriptions>
      {(report.warnings?.length ?? 0) > 0 && (
        <Alert
          type="warning"
          showIcon
          className="qs-spatial-report-block"
          title={t('spatial.layers.report.warnings')}
          description={report.warnings!.map((w) => (
            <div key={w}>{noteText(w, i18n.language)}</div>
          ))}
          data-testid="report-warnings"
        />
      )}
      <FeatureNotes title={t('spatial.layers.report.refused')} notes={report.refused ?? []} color="red" testId="report-refused" />
      <FeatureNotes title={t('spatial.layers.report.repaired')} notes={report.repaired ?? []} color="orange" testId="report-repaired" />
      {listedOut > 0 && <Typography.Text type="secondary">{t('spatial.layers.report.notListed', { count: listedOut })}</Typography.Text>}
      {(report.notes?.length ?? 0) > 0 && (
        <div className="qs-spatial-report-block qs-muted qs-small" data-testid="report-notes">
          {report.notes!.map((n) => (
            <div key={n}>{noteText(n, i18n.language)}</div>
          ))}
        </div>
      )}
    </div>
  );
}

function FeatureNotes({ title, notes, color, testId }: { title: string; notes: FeatureNote[]; color: string; testId: string }) {
  const { t, i18n } = useTranslation();
  if (notes.length === 0) return null;
  const columns: TableProps<FeatureNote>['columns'] = [
    { title: t('spatial.layers.report.index'), key: 'index', width: 72, render: (_, n) => n.index + 1 },
    { title: t('spatial.layers.report.name'), key: 'name', width: 180, render: (_, n) => n.name ?? <span className="qs-muted">{t('spatial.identify.unnamed')}</span> },
    { title: t('spatial.layers.report.reason'), key: 'reason', render: (_, n) => noteText(n.reason, i18n.language) },
  ];
  return (
    <div className="qs-spatial-report-block" data-testid={testId}>
      <Typography.Text strong>
        <Tag color={color}>{notes.length}</Tag>
        {title}
      </Typography.Text>
      <Table<FeatureNote>
        rowKey="index"
        size="small"
        columns={columns}
        dataSource={notes}
        pagination={notes.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
        onRow={() => ({ 'data-testid': `${testId}-row` }) as HTMLAttributes<HTMLElement>}
      />
    </div>
  );
}
