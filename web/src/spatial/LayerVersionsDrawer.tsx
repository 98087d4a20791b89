// A layer's versions, newest first: each with its file, who imported it and when, its note, and its
// import report unfolded on demand. Old versions stay: screenings made with them keep pointing at them.
import { Collapse, Descriptions, Drawer, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorState } from '../components/States.tsx';
import { formatDateTime } from '../format.ts';
import { useAsync } from '../hooks.ts';
import type { LayerVersion } from './adminTypes.ts';
import { sridLabel } from './coordinateSystems.ts';
import { ImportReportView } from './ImportReportView.tsx';
import type { LayerView } from './types.ts';

export function LayerVersionsDrawer({ layer, reloadKey, onClose }: { layer: LayerView; reloadKey: number; onClose: () => void }) {
  const { t } = useTranslation();
  const versions = useAsync(() => api.get<{ items: LayerVersion[] }>(`/api/spatial/layers/${layer.code}/versions`).then((r) => r.items), [layer.code, reloadKey]);
  const items = versions.data ?? [];
  return (
    <Drawer open onClose={onClose} size={720} title={t('spatial.layers.versions.title', { layer: layer.name })} destroyOnHidden>
      <div data-testid="layer-versions" data-layer={layer.code}>
        <Typography.Paragraph type="secondary" className="qs-small">
          {t('spatial.layers.versions.intro')}
        </Typography.Paragraph>
        {versions.error && !versions.loading ? (
          <ErrorState error={versions.error} onRetry={versions.reload} />
        ) : versions.loading && !versions.data ? (
          <Skeleton active />
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('spatial.layers.versions.empty')} />
        ) : (
          <Collapse
            defaultActiveKey={[String(items[0]!.versionId)]}
            items={items.map((v) => ({
              key: String(v.versionId),
              label: (
                <Space wrap size={6} data-testid="layer-version" data-version={v.version}>
                  <Typography.Text strong>{t('spatial.layers.versions.version', { version: v.version })}</Typography.Text>
                  {v.current && <Tag color="green">{t('spatial.layers.versions.current')}</Tag>}
                  {v.demo && <Tag color="orange">{t('spatial.demo.tag')}</Tag>}
                  <span className="qs-muted">{t('spatial.layers.featureCount', { count: v.featureCount })}</span>
                  <span className="qs-muted">· {formatDateTime(v.importedAt)}</span>
                </Space>
              ),
              children: <VersionDetail version={v} />,
            }))}
          />
        )}
      </div>
    </Drawer>
  );
}

function VersionDetail({ version: v }: { version: LayerVersion }) {
  const { t } = useTranslation();
  const hasReport = v.report && typeof v.report === 'object' && 'counts' in v.report;
  return (
    <div data-testid="layer-version-detail" data-version={v.version}>
      <Descriptions size="small" column={1} className="qs-spatial-report-block">
        {!hasReport && (
          <Descriptions.Item label={t('spatial.layers.versions.source')}>
            {v.sourceName} <span className="qs-muted">· {t(`spatial.layers.format.${v.sourceFormat}`, { defaultValue: v.sourceFormat })}</span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('spatial.layers.versions.importedBy')}>
          {v.importedBy?.name ?? t('spatial.layers.system')} · {formatDateTime(v.importedAt)}
        </Descriptions.Item>
        {v.note && <Descriptions.Item label={t('spatial.layers.versions.note')}>{v.note}</Descriptions.Item>}
        {!hasReport && (
          <>
            <Descriptions.Item label={t('spatial.layers.report.crs')}>{sridLabel(t, v.sourceSrid)}</Descriptions.Item>
            {v.encoding && <Descriptions.Item label={t('spatial.layers.report.encoding')}>{v.encoding}</Descriptions.Item>}
          </>
        )}
      </Descriptions>
      {hasReport ? <ImportReportView report={v.report} testId="version-report" /> : <Typography.Text type="secondary">{t('spatial.layers.versions.noReport')}</Typography.Text>}
    </div>
  );
}
