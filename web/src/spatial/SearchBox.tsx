// Search by name across every layer; a hit zooms the map to the feature and outlines it.
import { Input, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { describeError } from '../components/States.tsx';
import { useLayerNames } from './layerNames.tsx';
import type { Geometry, SearchHit } from './types.ts';

/** The feature's own outline when the layer gives it for the hit's box, else the box itself. */
export async function hitGeometry(hit: SearchHit): Promise<Geometry> {
  const [minLon, minLat, maxLon, maxLat] = hit.bbox;
  const box: Geometry = {
    type: 'Polygon',
    coordinates: [
      [
        [minLon, minLat],
        [maxLon, minLat],
        [maxLon, maxLat],
        [minLon, maxLat],
        [minLon, minLat],
      ],
    ],
  };
  try {
    const collection = await api.get<{ features?: { id?: number | string; geometry?: Geometry }[] }>(`/api/spatial/layers/${encodeURIComponent(hit.layer)}/features`, {
      bbox: hit.bbox.join(','),
    });
    const match = collection.features?.find((f) => String(f.id) === String(hit.id));
    return match?.geometry ?? box;
  } catch {
    return box;
  }
}

export function SearchBox({ onPick }: { onPick: (hit: SearchHit) => void }) {
  const { t } = useTranslation();
  const names = useLayerNames();
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<string | null>(null);

  const search = async (q: string) => {
    const query = q.trim();
    setError(null);
    if (!query) {
      setHits(null);
      return;
    }
    setLoading(true);
    try {
      const result = await api.get<{ items: SearchHit[] }>('/api/spatial/search', { q: query, limit: 20 });
      setHits(result.items);
    } catch (e) {
      setHits(null);
      const d = describeError(e, t('errors.unexpected'));
      setError(d.detail ? t('spatial.labelValue', { label: d.title, value: d.detail }) : d.title);
    } finally {
      setLoading(false);
    }
  };

  return (
    <div className="qs-spatial-search">
      <Input.Search allowClear placeholder={t('spatial.search.placeholder')} loading={loading} onSearch={(v) => void search(v)} data-testid="map-search" />
      {error && (
        <Typography.Text type="danger" className="qs-small">
          {error}
        </Typography.Text>
      )}
      {hits && (
        <List
          size="small"
          className="qs-spatial-search-list"
          dataSource={hits}
          locale={{ emptyText: t('spatial.search.none') }}
          renderItem={(hit) => {
            const key = `${hit.layer}-${hit.id}`;
            return (
              <List.Item
                className={`qs-spatial-search-hit${picked === key ? ' qs-spatial-search-hit-active' : ''}`}
                onClick={() => {
                  setPicked(key);
                  onPick(hit);
                }}
                data-testid="search-hit"
              >
                <div>
                  <div className="qs-spatial-search-name">{hit.name ?? t('spatial.identify.unnamed')}</div>
                  <div className="qs-small qs-spatial-muted">
                    <Tag className="qs-spatial-tag">{names.layer(hit.layer, hit.layerName)}</Tag>
                    {names.zone(hit.layer, hit.zone, hit.zoneName)}
                  </div>
                </div>
              </List.Item>
            );
          }}
        />
      )}
    </div>
  );
}
