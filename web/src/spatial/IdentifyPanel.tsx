// What a click on the map found: every feature under the point, layer by layer, with its zone and
// attributes. Laid over the map's right edge, so the map stays in view.
import { CloseOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../components/States.tsx';
import { useLayerNames } from './layerNames.tsx';
import type { IdentifiedFeature } from './types.ts';

/** Keys the API adds to every feature's properties; the panel shows them in its own words. */
const OWN_KEYS = new Set(['name', 'zone', 'zoneName', 'layer', 'layerName', 'versionId', 'demo', 'id']);

function showValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function IdentifyPanel({
  items,
  loading,
  error,
  onClose,
}: {
  items: readonly IdentifiedFeature[] | null;
  loading: boolean;
  error: unknown;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const names = useLayerNames();
  return (
    <Card
      size="small"
      className="qs-spatial-float qs-spatial-identify"
      title={t('spatial.identify.title', { count: items?.length ?? 0 })}
      extra={<Button type="text" size="small" icon={<CloseOutlined />} onClick={onClose} aria-label={t('spatial.identify.close')} />}
      data-testid="identify-panel"
    >
      {loading ? (
        <div className="qs-spatial-center">
          <Spin />
        </div>
      ) : error ? (
        <ErrorState error={error} />
      ) : !items || items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('spatial.identify.none')} />
      ) : (
        items.map((item) => {
          const attributes = Object.entries(item.properties ?? {}).filter(([k]) => !OWN_KEYS.has(k));
          return (
            <div key={`${item.layer}-${item.id}`} className="qs-spatial-identify-item" data-testid="identify-item" data-layer={item.layer}>
              <div className="qs-spatial-identify-head">
                <Tag color="blue">{names.layer(item.layer, item.layerName)}</Tag>
                {item.demo && <Tag color="orange">{t('spatial.demo.tag')}</Tag>}
              </div>
              <Typography.Text strong data-testid="identify-name">
                {item.name ?? t('spatial.identify.unnamed')}
              </Typography.Text>
              {item.zoneName && (
                <div className="qs-small" data-testid="identify-zone">
                  {t('spatial.labelValue', { label: t('spatial.identify.zone'), value: names.zone(item.layer, item.zone, item.zoneName) })}
                </div>
              )}
              {attributes.length > 0 && (
                <Descriptions size="small" column={1} className="qs-spatial-identify-attrs" items={attributes.map(([k, v]) => ({ key: k, label: k, children: showValue(v) }))} />
              )}
            </div>
          );
        })
      )}
    </Card>
  );
}
