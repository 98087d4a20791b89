// Layer and zone names in the reader's language. Results (screening, identify, search) carry the names
// in Chinese as the server stores them; the layer catalogue the map already holds has the English ones.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LayerView } from './types.ts';

export interface LayerNames {
  /** The layer's name, or `fallback` (the name the result carries) when the catalogue does not know it. */
  layer(code: string | null, fallback: string): string;
  zone(layerCode: string | null, zoneCode: string | null, fallback: string | null): string | null;
}

/** Pure: the names of `layers` in `language`; Chinese is what results already carry. */
export function layerNamesIn(layers: readonly LayerView[] | undefined, language: string): LayerNames {
  const byCode = new Map((layers ?? []).map((l) => [l.code, l]));
  const english = language === 'en';
  return {
    layer(code, fallback) {
      const layer = code === null ? undefined : byCode.get(code);
      return english && layer?.nameEn ? layer.nameEn : fallback;
    },
    zone(layerCode, zoneCode, fallback) {
      if (zoneCode === null || !english) return fallback;
      const zone = (layerCode === null ? undefined : byCode.get(layerCode))?.zones.find((z) => z.code === zoneCode);
      return zone?.nameEn || fallback;
    },
  };
}

const LayerCatalogue = createContext<readonly LayerView[] | undefined>(undefined);

export function LayerNamesProvider({ layers, children }: { layers: readonly LayerView[] | undefined; children: ReactNode }) {
  return <LayerCatalogue.Provider value={layers}>{children}</LayerCatalogue.Provider>;
}

export function useLayerNames(): LayerNames {
  const layers = useContext(LayerCatalogue);
  const { i18n } = useTranslation();
  return useMemo(() => layerNamesIn(layers, i18n.language), [layers, i18n.language]);
}
