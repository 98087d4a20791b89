// 一张图: every layer of the ecology and environment on one map — the tree on the left (groups,
// switches, legend, opacity, versions), search by name above it; on the map, identify on click and
// the two measures. Demo layers are announced in a banner; a map without any data says how to load it.
import { Card, Spin } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ErrorState } from '../../components/States.tsx';
import { IdentifyPanel } from '../../spatial/IdentifyPanel.tsx';
import { LayerTree } from '../../spatial/LayerTree.tsx';
import { BasemapButton, DemoBanner, NoLayerData, ToolButtons } from '../../spatial/MapControls.tsx';
import { SearchBox, hitGeometry } from '../../spatial/SearchBox.tsx';
import { SpatialHeader } from '../../spatial/SpatialHeader.tsx';
import { SpatialMap, type MapHandle, type MapTool } from '../../spatial/SpatialMap.tsx';
import type { Geometry, IdentifiedFeature, SearchHit } from '../../spatial/types.ts';
import { useMapLayers } from '../../spatial/useMapLayers.ts';
import { LayerNamesProvider } from '../../spatial/layerNames.tsx';
import '../../spatial/spatial.css';

interface IdentifyState {
  items: IdentifiedFeature[] | null;
  loading: boolean;
  error: unknown;
}

export function MapPage() {
  const { t } = useTranslation();
  const state = useMapLayers();
  const mapRef = useRef<MapHandle>(null);
  const [tool, setTool] = useState<MapTool | null>('identify');
  const [identify, setIdentify] = useState<IdentifyState | null>(null);
  const [highlight, setHighlight] = useState<Geometry | null>(null);
  const identifySeq = useRef(0);

  const onIdentify = useCallback(
    (lon: number, lat: number, toleranceM: number) => {
      const seq = ++identifySeq.current;
      const layers = [...state.visible].join(',');
      setIdentify({ items: null, loading: true, error: null });
      api
        .get<{ items: IdentifiedFeature[] }>('/api/spatial/identify', { lon: lon.toFixed(7), lat: lat.toFixed(7), toleranceM, layers: layers || undefined })
        .then(
          (r) => seq === identifySeq.current && setIdentify({ items: r.items, loading: false, error: null }),
          (e: unknown) => seq === identifySeq.current && setIdentify({ items: null, loading: false, error: e }),
        );
    },
    [state.visible],
  );

  const onPick = useCallback((hit: SearchHit) => {
    mapRef.current?.fitBbox(hit.bbox);
    // Show the layer the hit is in, and outline the feature itself.
    state.toggle(hit.layer, true);
    void hitGeometry(hit).then(setHighlight);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.toggle]);

  return (
    <LayerNamesProvider layers={state.layers}>
      <div className="qs-page qs-spatial-page" data-testid="spatial-map-page">
        <SpatialHeader current="map" />
        <div className="qs-spatial-body">
          <Card className="qs-card qs-spatial-side" size="small" data-testid="spatial-side">
            <SearchBox onPick={onPick} />
            {state.error && !state.loading ? (
              <ErrorState error={state.error} onRetry={state.reload} />
            ) : state.loading && state.layers.length === 0 ? (
              <div className="qs-spatial-center">
                <Spin />
              </div>
            ) : (
              <LayerTree layers={state.layers} visible={state.visible} opacity={state.opacity} onToggle={state.toggle} onOpacity={state.changeOpacity} />
            )}
          </Card>
          <div className="qs-spatial-main">
            <DemoBanner layers={state.demoShown} />
            <SpatialMap ref={mapRef} layers={state.layers} visible={state.visible} opacity={state.opacity} tileUrl={state.tileUrl} tool={tool} highlight={highlight} onIdentify={onIdentify}>
              <div className="qs-spatial-toolbar" data-testid="map-toolbar">
                <ToolButtons tool={tool} onTool={setTool} />
                <BasemapButton tileUrl={state.tileUrl} onChange={state.setTileUrl} />
              </div>
              {tool?.startsWith('measure') && <div className="qs-spatial-hint">{t(tool === 'measure-area' ? 'spatial.measure.areaHint' : 'spatial.measure.lengthHint')}</div>}
              {identify && <IdentifyPanel items={identify.items} loading={identify.loading} error={identify.error} onClose={() => setIdentify(null)} />}
              {!state.loading && !state.error && !state.hasData && <NoLayerData />}
            </SpatialMap>
          </div>
        </div>
      </div>
    </LayerNamesProvider>
  );
}
