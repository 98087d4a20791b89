// The layers of the map and what the user set on them: which are shown, their opacity, and the
// basemap tile URL (kept in this browser, since a key for 天地图 is the user's own).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '../api.ts';
import { useAsync } from '../hooks.ts';
import type { LayerView } from './types.ts';

export const TILE_URL_STORAGE_KEY = 'qingshan.map.tileUrl';

function readTileUrl(): string | null {
  try {
    return localStorage.getItem(TILE_URL_STORAGE_KEY) || null;
  } catch {
    return null;
  }
}

/** A tile URL template the map can use: http(s) with {z}, {x} and {y} (or {-y}). */
export function isTileTemplate(url: string): boolean {
  return /^https?:\/\/\S+$/i.test(url) && url.includes('{z}') && url.includes('{x}') && (url.includes('{y}') || url.includes('{-y}'));
}

export function useMapLayers() {
  const layers = useAsync(() => api.get<{ items: LayerView[] }>('/api/spatial/layers').then((r) => r.items), []);
  const [visible, setVisible] = useState<ReadonlySet<string>>(new Set());
  const [opacity, setOpacity] = useState<ReadonlyMap<string, number>>(new Map());
  const [tileUrl, setTileUrlState] = useState<string | null>(readTileUrl);

  // Every layer with data is shown at first; the user's switches are kept while the list reloads.
  useEffect(() => {
    if (!layers.data) return;
    setVisible((prev) => (prev.size > 0 ? prev : new Set(layers.data!.filter((l) => l.current).map((l) => l.code))));
  }, [layers.data]);

  const toggle = useCallback((code: string, on: boolean) => {
    setVisible((prev) => {
      const next = new Set(prev);
      if (on) next.add(code);
      else next.delete(code);
      return next;
    });
  }, []);

  const changeOpacity = useCallback((code: string, value: number) => {
    setOpacity((prev) => new Map(prev).set(code, value));
  }, []);

  const setTileUrl = useCallback((url: string | null) => {
    try {
      if (url) localStorage.setItem(TILE_URL_STORAGE_KEY, url);
      else localStorage.removeItem(TILE_URL_STORAGE_KEY);
    } catch {
      // storage unavailable: the setting lasts for this page only
    }
    setTileUrlState(url);
  }, []);

  const items = useMemo(() => layers.data ?? [], [layers.data]);
  const withData = items.filter((l) => l.current);
  const demoShown = withData.filter((l) => l.current!.demo && visible.has(l.code));
  return {
    layers: items,
    loading: layers.loading,
    error: layers.error,
    reload: layers.reload,
    hasData: withData.length > 0,
    demoShown,
    visible,
    opacity,
    toggle,
    changeOpacity,
    tileUrl,
    setTileUrl,
  };
}

export type MapLayersState = ReturnType<typeof useMapLayers>;
