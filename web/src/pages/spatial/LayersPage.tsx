// 图层管理: every kind of layer of the one map with its current version — how many features, whether
// they are 示例数据, which document asks for the layer — its versions and their import reports in a
// drawer, and (for spatial.manage) the import of a new version from a file.
import { HistoryOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { RefreshButton } from '../../components/ListControls.tsx';
import { EmptyState, ErrorState } from '../../components/States.tsx';
import { formatDateTime } from '../../format.ts';
import { useAsync } from '../../hooks.ts';
import { useSourceDocuments } from '../../spatial/documents.ts';
import { LayerImportModal } from '../../spatial/LayerImportModal.tsx';
import { localName } from '../../spatial/LayerTree.tsx';
import { LayerVersionsDrawer } from '../../spatial/LayerVersionsDrawer.tsx';
import { swatchColour } from '../../spatial/legend.ts';
import { SpatialHeader } from '../../spatial/SpatialHeader.tsx';
import type { LayerView } from '../../spatial/types.ts';
import '../../spatial/spatial.css';
import '../../spatial/spatial-admin.css';

function LayerSwatch({ layer }: { layer: LayerView }) {
  const { style } = layer;
  if (layer.geometryType === 'line') return <span className="qs-spatial-swatch qs-spatial-swatch-line" style={{ borderTopColor: style.stroke ?? '#555' }} />;
  if (layer.geometryType === 'point') return <span className="qs-spatial-swatch qs-spatial-swatch-point" style={{ background: style.stroke ?? style.fill ?? '#555' }} />;
  return <span className="qs-spatial-swatch" style={{ background: swatchColour(style), borderColor: style.stroke ?? '#555' }} />;
}

export function LayersPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const manage = can('spatial.manage');
  const layers = useAsync(() => api.get<{ items: LayerView[] }>('/api/spatial/layers').then((r) => r.items), []);
  const { titleOf } = useSourceDocuments();
  const [versionsOf, setVersionsOf] = useState<LayerView | null>(null);
  const [importTo, setImportTo] = useState<LayerView | null>(null);
  const [reloadKey, setReloadKey] = useState(0);

  const columns: TableProps<LayerView>['columns'] = [
    {
      title: t('spatial.layers.cols.layer'),
      key: 'name',
      render: (_, l) => (
        <div>
          <Space size={6}>
            <LayerSwatch layer={l} />
            <Typography.Text strong data-testid="layer-name">
              {localName(l, i18n.language)}
            </Typography.Text>
            {l.current?.demo && (
              <Tag color="orange" className="qs-spatial-tag" data-testid="layer-demo">
                {t('spatial.demo.tag')}
              </Tag>
            )}
          </Space>
          <div className="qs-muted qs-small">
            <code>{l.code}</code>
            {` · ${t(`spatial.layers.geometry.${l.geometryType}`)}`}
            {l.sensitive && ` · ${t('spatial.layers.sensitive')}`}
            {!l.screened && ` · ${t('spatial.layers.notScreened')}`}
          </div>
        </div>
      ),
    },
    {
      title: t('spatial.layers.cols.zones'),
      key: 'zones',
      width: 190,
      render: (_, l) =>
        l.zones.length === 0 ? (
          <span className="qs-muted">—</span>
        ) : (
          <Space size={[4, 4]} wrap>
            {l.zones.map((z) => (
              <Tag key={z.code} className="qs-spatial-tag">
                {localName(z, i18n.language)}
              </Tag>
            ))}
          </Space>
        ),
    },
    {
      title: t('spatial.layers.cols.version'),
      key: 'version',
      width: 120,
      render: (_, l) =>
        l.current ? (
          <div data-testid="layer-current-version" data-version={l.current.version}>
            {t('spatial.layers.versions.version', { version: l.current.version })}
            <div className="qs-muted qs-small" data-testid="layer-feature-count" data-count={l.current.featureCount}>
              {t('spatial.layers.featureCount', { count: l.current.featureCount })}
              {l.versionCount > 1 && ` · ${t('spatial.layers.versionCount', { count: l.versionCount })}`}
            </div>
          </div>
        ) : (
          <Tag data-testid="layer-current-version" data-version="0">
            {t('spatial.layers.noData')}
          </Tag>
        ),
    },
    {
      title: t('spatial.layers.cols.source'),
      key: 'source',
      width: 210,
      render: (_, l) =>
        l.source.doc ? (
          <Tooltip title={titleOf(l.source.doc)}>
            <div className="qs-spatial-doc">
              <span className="qs-spatial-doc-title">{titleOf(l.source.doc) ?? t('spatial.rules.docNumber', { doc: l.source.doc })}</span>
              {l.source.clause && <div className="qs-muted qs-small">{l.source.clause}</div>}
            </div>
          </Tooltip>
        ) : (
          <span className="qs-muted">—</span>
        ),
    },
    {
      title: t('spatial.layers.cols.imported'),
      key: 'imported',
      width: 170,
      render: (_, l) =>
        l.current ? (
          <div>
            <div>
              {formatDateTime(l.current.importedAt)}
              {l.current.importedBy && <span className="qs-muted qs-small"> · {l.current.importedBy.name}</span>}
            </div>
            <div className="qs-muted qs-small qs-spatial-ellipsis" title={l.current.sourceName}>
              {t(`spatial.layers.format.${l.current.sourceFormat}`, { defaultValue: l.current.sourceFormat })} · {l.current.sourceName}
            </div>
          </div>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: manage ? 130 : 110,
      fixed: 'right',
      render: (_, l) => (
        <Space size={4} orientation="vertical">
          <Button size="small" icon={<HistoryOutlined />} onClick={() => setVersionsOf(l)} disabled={l.versionCount === 0} data-testid="layer-versions-open">
            {t('spatial.layers.versionsButton')}
          </Button>
          {manage && (
            <Button size="small" type="primary" ghost icon={<UploadOutlined />} onClick={() => setImportTo(l)} data-testid="layer-import-open">
              {t('spatial.layers.importButton')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div className="qs-page" data-testid="spatial-layers-page">
      <SpatialHeader current="layers" />
      <Card className="qs-card" size="small">
        <div className="qs-toolbar">
          <Typography.Text type="secondary">{t('spatial.layers.intro')}</Typography.Text>
          <div className="qs-toolbar-spacer" />
          <RefreshButton onClick={layers.reload} />
        </div>
        {layers.error && !layers.loading ? (
          <ErrorState error={layers.error} onRetry={layers.reload} />
        ) : (
          <Table<LayerView>
            rowKey="code"
            size="middle"
            loading={layers.loading}
            dataSource={layers.data ?? []}
            columns={columns}
            pagination={false}
            scroll={{ x: 1050 }}
            locale={{ emptyText: <EmptyState /> }}
            onRow={(l) => ({ 'data-testid': 'layer-admin-row', 'data-layer': l.code }) as HTMLAttributes<HTMLElement>}
            data-testid="layer-admin-table"
          />
        )}
      </Card>
      {versionsOf && <LayerVersionsDrawer layer={versionsOf} reloadKey={reloadKey} onClose={() => setVersionsOf(null)} />}
      {importTo && (
        <LayerImportModal
          layer={importTo}
          onClose={() => setImportTo(null)}
          onImported={() => {
            layers.reload();
            setReloadKey((k) => k + 1);
          }}
        />
      )}
    </div>
  );
}
