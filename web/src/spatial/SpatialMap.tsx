// The 一张图 map, drawn with OpenLayers. Nothing is fetched from outside the platform: the layers sit
// on a plain light background, with an XYZ basemap underneath only when the user has configured one.
// Large layers come as vector tiles, the others as GeoJSON for the visible extent; both through the
// platform's session (same-origin credentials). The page chooses the tool (identify, measure, draw a
// site); the map reports clicks and drawn shapes back in lon/lat.
import 'ol/ol.css';
import OlMap from 'ol/Map.js';
import View from 'ol/View.js';
import Overlay from 'ol/Overlay.js';
import type Feature from 'ol/Feature.js';
import type { FeatureLike } from 'ol/Feature.js';
import type VectorTile from 'ol/VectorTile.js';
import TileState from 'ol/TileState.js';
import ScaleLine from 'ol/control/ScaleLine.js';
import { defaults as defaultControls } from 'ol/control/defaults.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import MVT from 'ol/format/MVT.js';
import type { Geometry as OlGeometry } from 'ol/geom.js';
import LineString from 'ol/geom/LineString.js';
import Polygon from 'ol/geom/Polygon.js';
import Draw, { type DrawEvent } from 'ol/interaction/Draw.js';
import type BaseLayer from 'ol/layer/Base.js';
import TileLayer from 'ol/layer/Tile.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorTileLayer from 'ol/layer/VectorTile.js';
import { bbox as bboxStrategy } from 'ol/loadingstrategy.js';
import { fromLonLat, toLonLat, transformExtent } from 'ol/proj.js';
import VectorSource from 'ol/source/Vector.js';
import VectorTileSource from 'ol/source/VectorTile.js';
import XYZ from 'ol/source/XYZ.js';
import { getArea, getLength } from 'ol/sphere.js';
import { Circle, Fill, Stroke, Style, Text } from 'ol/style.js';
import { useEffect, useImperativeHandle, useRef, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { usePrefersReducedMotion } from '../hooks.ts';
import { formatArea, formatLength, zoneStyle } from './legend.ts';
import type { Bbox, Geometry, LayerStyle, LayerView } from './types.ts';

export type MapTool = 'identify' | 'measure-length' | 'measure-area' | 'draw-point' | 'draw-line' | 'draw-polygon';

export interface MapHandle {
  fitBbox(bbox: Bbox): void;
  fitGeometry(geometry: Geometry): void;
}

/** What an end-to-end test may call on the map's element: map coordinates to page pixels. */
export interface MapTestHook {
  pixelOf(lon: number, lat: number): [number, number] | null;
  centreOn(lon: number, lat: number, zoom: number): void;
}

/** 巴中市 and its surroundings, when nothing else says where to look. */
const HOME_CENTRE: [number, number] = [106.95, 31.95];
const HOME_ZOOM = 8.6;
const MAX_FIT_ZOOM = 16;
const FONT = '12px "PingFang SC", "Microsoft YaHei", sans-serif';
const DATA_PROJECTION = 'EPSG:4326';
/** The most features the API gives for one extent; layers larger than that are served as vector tiles. */
const GEOJSON_LIMIT = 10_000;
const geojson = new GeoJSON();

function olStyle(style: LayerStyle, geometryType: LayerView['geometryType'], label: string | undefined): Style {
  const stroke = new Stroke({ color: style.stroke ?? '#555555', width: style.width ?? (geometryType === 'line' ? 2 : 1.2) });
  const fill = style.fill ? new Fill({ color: style.fill }) : undefined;
  return new Style({
    stroke,
    ...(fill ? { fill } : {}),
    ...(geometryType === 'point' ? { image: new Circle({ radius: 5, fill: fill ?? new Fill({ color: style.stroke ?? '#555555' }), stroke: new Stroke({ color: '#ffffff', width: 1.5 }) }) } : {}),
    ...(label
      ? {
          text: new Text({
            text: label,
            font: FONT,
            fill: new Fill({ color: '#374151' }),
            stroke: new Stroke({ color: '#ffffff', width: 3 }),
            overflow: geometryType !== 'polygon',
            ...(geometryType === 'line' ? { placement: 'line' as const } : {}),
          }),
        }
      : {}),
  });
}

/** Styles by zone, built once per layer; the names of districts and rivers are drawn, other names would bury the map. */
function layerStyleFunction(layer: LayerView) {
  const cache = new Map<string, Style>();
  const labelled = layer.code === 'admin_boundary' || layer.code === 'river';
  return (feature: FeatureLike, resolution: number): Style => {
    const zone = (feature.get('zone') as string | null | undefined) ?? '';
    const index = layer.zones.findIndex((z) => z.code === zone);
    // Names only where they fit: districts from afar, rivers closer in.
    const name = labelled && resolution < (layer.code === 'river' ? 150 : 900) ? ((feature.get('name') as string | null | undefined) ?? undefined) : undefined;
    const key = `${zone}|${name ?? ''}`;
    let style = cache.get(key);
    if (!style) {
      style = olStyle(zoneStyle(layer.style, index, layer.zones.length), layer.geometryType, name);
      if (cache.size < 500) cache.set(key, style);
    }
    return style;
  };
}

function toBboxParam(extent: number[], projection: string): string {
  const [minLon, minLat, maxLon, maxLat] = transformExtent(extent, projection, DATA_PROJECTION);
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  return [clamp(minLon!, -180, 180), clamp(minLat!, -85, 85), clamp(maxLon!, -180, 180), clamp(maxLat!, -85, 85)].map((v) => v.toFixed(6)).join(',');
}

function geoJsonLayer(layer: LayerView): VectorLayer {
  const source: VectorSource = new VectorSource({
    strategy: bboxStrategy,
    loader: (extent, _resolution, projection, success, failure) => {
      const code = projection.getCode();
      api
        .get<object>(`/api/spatial/layers/${encodeURIComponent(layer.code)}/features`, { bbox: toBboxParam(extent, code), limit: GEOJSON_LIMIT })
        .then((collection) => {
          const features = geojson.readFeatures(collection, { dataProjection: DATA_PROJECTION, featureProjection: code }) as Feature[];
          source.addFeatures(features);
          success?.(features);
        })
        .catch(() => {
          source.removeLoadedExtent(extent);
          failure?.();
        });
    },
  });
  return new VectorLayer({ source, style: layerStyleFunction(layer), declutter: layer.code === 'admin_boundary' ? 'labels' : false });
}

function vectorTileLayer(layer: LayerView): VectorTileLayer {
  const format = new MVT();
  const source = new VectorTileSource({
    format,
    url: `/api/spatial/tiles/${encodeURIComponent(layer.code)}/{z}/{x}/{y}.mvt`,
    tileLoadFunction: (tile, url) => {
      const vectorTile = tile as VectorTile<FeatureLike>;
      vectorTile.setLoader((extent, _resolution, projection) => {
        fetch(url, { credentials: 'same-origin' })
          .then(async (res) => {
            if (res.status === 204) return new ArrayBuffer(0);
            if (!res.ok) throw new Error(`HTTP ${res.status}`);
            return res.arrayBuffer();
          })
          .then((data) => {
            vectorTile.setFeatures(data.byteLength === 0 ? [] : format.readFeatures(data, { extent, featureProjection: projection }));
          })
          .catch(() => vectorTile.setState(TileState.ERROR));
      });
    },
  });
  return new VectorTileLayer({ source, style: layerStyleFunction(layer), declutter: false });
}

const SITE_STYLE = [
  new Style({ stroke: new Stroke({ color: '#ffffff', width: 5 }) }),
  new Style({
    stroke: new Stroke({ color: '#d4380d', width: 2.5, lineDash: [8, 5] }),
    fill: new Fill({ color: 'rgba(212, 56, 13, 0.14)' }),
    image: new Circle({ radius: 6, fill: new Fill({ color: '#d4380d' }), stroke: new Stroke({ color: '#ffffff', width: 2 }) }),
  }),
];
const HIGHLIGHT_STYLE = [
  new Style({ stroke: new Stroke({ color: 'rgba(255, 255, 255, 0.9)', width: 7 }) }),
  new Style({
    stroke: new Stroke({ color: '#faad14', width: 3.5 }),
    fill: new Fill({ color: 'rgba(250, 173, 20, 0.18)' }),
    image: new Circle({ radius: 8, fill: new Fill({ color: '#faad14' }), stroke: new Stroke({ color: '#ffffff', width: 2 }) }),
  }),
];
const MEASURE_STYLE = new Style({
  stroke: new Stroke({ color: '#1677ff', width: 2.5, lineDash: [6, 4] }),
  fill: new Fill({ color: 'rgba(22, 119, 255, 0.12)' }),
  image: new Circle({ radius: 4, fill: new Fill({ color: '#1677ff' }) }),
});

function readGeometry(geometry: Geometry): OlGeometry {
  return geojson.readGeometry(geometry, { dataProjection: DATA_PROJECTION, featureProjection: 'EPSG:3857' }) as OlGeometry;
}

function toLonLatGeometry(geometry: OlGeometry): Geometry {
  return geojson.writeGeometryObject(geometry, { dataProjection: DATA_PROJECTION, featureProjection: 'EPSG:3857', decimals: 7 }) as unknown as Geometry;
}

export function SpatialMap({
  ref,
  layers,
  visible,
  opacity,
  tileUrl,
  tool,
  highlight,
  site,
  fitSite = false,
  onIdentify,
  onDrawn,
  children,
  testId = 'spatial-map',
}: {
  ref?: Ref<MapHandle>;
  layers: readonly LayerView[];
  visible: ReadonlySet<string>;
  opacity: ReadonlyMap<string, number>;
  tileUrl: string | null;
  tool: MapTool | null;
  highlight?: Geometry | null;
  site?: Geometry | null;
  /** Zoom to the site whenever it changes (a saved screening); a site being drawn is left where it is. */
  fitSite?: boolean;
  /** A click in identify mode: the point and a search tolerance of a few pixels, in metres. */
  onIdentify?: (lon: number, lat: number, toleranceM: number, pixel: [number, number]) => void;
  onDrawn?: (geometry: Geometry) => void;
  children?: ReactNode;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const map = useRef<OlMap | null>(null);
  const layerObjects = useRef(new Map<string, BaseLayer>());
  const basemap = useRef(new TileLayer({ zIndex: -1, visible: false }));
  const siteSource = useRef(new VectorSource());
  const highlightSource = useRef(new VectorSource());
  const measureSource = useRef(new VectorSource());
  const measureTips = useRef<Overlay[]>([]);
  const callbacks = useRef({ onIdentify, onDrawn, tool, t, language: i18n.language });
  callbacks.current = { onIdentify, onDrawn, tool, t, language: i18n.language };
  const reducedMotion = usePrefersReducedMotion();

  /** `context`: leave room around the shape (a site is read against what surrounds it). */
  const fitExtent = (extent: number[], context = false) => {
    const instance = map.current;
    if (!instance) return;
    const fit = () => {
      const [width, height] = instance.getSize()!;
      const padding = context ? [height! / 4, width! / 4, height! / 4, width! / 4] : [60, 60, 60, 60];
      instance.getView().fit(extent, { padding, maxZoom: context ? MAX_FIT_ZOOM - 2 : MAX_FIT_ZOOM, duration: reducedMotion ? 0 : 250 });
    };
    const size = instance.getSize();
    if (size && size[0]! > 0 && size[1]! > 0) fit();
    else instance.once('change:size', fit);
  };

  useImperativeHandle(ref, () => ({
    fitBbox: (bbox) => fitExtent(transformExtent(bbox, DATA_PROJECTION, 'EPSG:3857')),
    fitGeometry: (geometry) => fitExtent(readGeometry(geometry).getExtent()),
  }));

  useEffect(() => {
    const instance = new OlMap({
      target: host.current!,
      controls: defaultControls({ attribution: false, rotate: false }).extend([new ScaleLine({ units: 'metric' })]),
      layers: [
        basemap.current,
        new VectorLayer({ source: siteSource.current, style: SITE_STYLE, zIndex: 10_000 }),
        new VectorLayer({ source: highlightSource.current, style: HIGHLIGHT_STYLE, zIndex: 10_001 }),
        new VectorLayer({ source: measureSource.current, style: MEASURE_STYLE, zIndex: 10_002 }),
      ],
      view: new View({ center: fromLonLat(HOME_CENTRE), zoom: HOME_ZOOM, minZoom: 3, maxZoom: 19 }),
    });
    instance.on('singleclick', (event) => {
      const { tool: current, onIdentify: identify } = callbacks.current;
      if (current !== 'identify' || !identify) return;
      const [lon, lat] = toLonLat(event.coordinate);
      // Web Mercator metres shrink with the cosine of the latitude.
      const toleranceM = Math.max(1, 6 * instance.getView().getResolution()! * Math.cos((lat! * Math.PI) / 180));
      identify(lon!, lat!, Math.round(toleranceM), [event.pixel[0]!, event.pixel[1]!]);
    });
    const element = host.current! as HTMLDivElement & { qsMap?: MapTestHook };
    element.qsMap = {
      pixelOf: (lon, lat) => {
        const pixel = instance.getPixelFromCoordinate(fromLonLat([lon, lat]));
        if (!pixel) return null;
        const box = element.getBoundingClientRect();
        return [box.left + pixel[0]!, box.top + pixel[1]!];
      },
      centreOn: (lon, lat, zoom) => {
        instance.getView().setCenter(fromLonLat([lon, lat]));
        instance.getView().setZoom(zoom);
        instance.renderSync();
      },
    };
    const observer = new ResizeObserver(() => instance.updateSize());
    observer.observe(host.current!);
    map.current = instance;
    return () => {
      observer.disconnect();
      instance.setTarget(undefined);
      delete element.qsMap;
      map.current = null;
    };
  }, []);

  // One OpenLayers layer per map layer that has data; rebuilt when the list changes (a new version).
  useEffect(() => {
    const instance = map.current;
    if (!instance) return;
    for (const old of layerObjects.current.values()) instance.removeLayer(old);
    layerObjects.current.clear();
    for (const layer of layers) {
      if (!layer.current) continue;
      const object = layer.vectorTiles ? vectorTileLayer(layer) : geoJsonLayer(layer);
      // Polygons under lines, and the configured order within each.
      object.setZIndex((layer.geometryType === 'polygon' ? 0 : 1000) + layer.sortOrder);
      object.set('code', layer.code);
      layerObjects.current.set(layer.code, object);
      instance.addLayer(object);
    }
  }, [layers]);

  useEffect(() => {
    for (const [code, object] of layerObjects.current) {
      object.setVisible(visible.has(code));
      object.setOpacity(opacity.get(code) ?? 1);
    }
  }, [layers, visible, opacity]);

  useEffect(() => {
    const layer = basemap.current;
    if (tileUrl) {
      layer.setSource(new XYZ({ url: tileUrl, crossOrigin: 'anonymous', maxZoom: 18 }));
      layer.setVisible(true);
    } else {
      layer.setVisible(false);
      layer.setSource(null);
    }
  }, [tileUrl]);

  useEffect(() => {
    highlightSource.current.clear();
    if (highlight) highlightSource.current.addFeature(geojson.readFeature({ type: 'Feature', geometry: highlight, properties: {} }, { dataProjection: DATA_PROJECTION, featureProjection: 'EPSG:3857' }) as Feature);
  }, [highlight]);

  useEffect(() => {
    siteSource.current.clear();
    if (!site) return;
    const geometry = readGeometry(site);
    siteSource.current.addFeature(geojson.readFeature({ type: 'Feature', geometry: site, properties: {} }, { dataProjection: DATA_PROJECTION, featureProjection: 'EPSG:3857' }) as Feature);
    if (fitSite) fitExtent(geometry.getExtent(), true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [site, fitSite]);

  // The drawing tools: a site to screen, or a length / area to measure (kept until the tool changes).
  useEffect(() => {
    const instance = map.current;
    if (!instance || !tool || tool === 'identify') return;
    const type = tool === 'draw-point' ? 'Point' : tool === 'draw-line' || tool === 'measure-length' ? 'LineString' : 'Polygon';
    const measuring = tool.startsWith('measure');
    const draw = new Draw({ type, ...(measuring ? { source: measureSource.current, style: MEASURE_STYLE } : {}) });
    let liveTip: Overlay | null = null;
    const measureText = (geometry: OlGeometry): string => {
      const { t: tr, language } = callbacks.current;
      if (geometry instanceof Polygon) {
        const area = formatArea(getArea(geometry, { projection: 'EPSG:3857' }), language);
        return tr('spatial.measure.areaResult', { metric: area.metric, mu: area.mu });
      }
      return formatLength(getLength(geometry, { projection: 'EPSG:3857' }), language);
    };
    draw.on('drawstart', (event: DrawEvent) => {
      if (!measuring) return;
      const element = document.createElement('div');
      element.className = 'qs-spatial-measure-tip';
      element.setAttribute('data-testid', 'measure-result');
      liveTip = new Overlay({ element, offset: [0, -12], positioning: 'bottom-center', stopEvent: false });
      instance.addOverlay(liveTip);
      measureTips.current.push(liveTip);
      const geometry = event.feature.getGeometry()!;
      geometry.on('change', () => {
        element.textContent = measureText(geometry);
        const at = geometry instanceof Polygon ? geometry.getInteriorPoint().getCoordinates() : (geometry as LineString).getLastCoordinate();
        liveTip?.setPosition(at.slice(0, 2));
      });
    });
    draw.on('drawend', (event: DrawEvent) => {
      const geometry = event.feature.getGeometry()!;
      if (measuring) {
        liveTip?.getElement()?.classList.add('qs-spatial-measure-tip-done');
        liveTip = null;
        return;
      }
      callbacks.current.onDrawn?.(toLonLatGeometry(geometry));
    });
    instance.addInteraction(draw);
    return () => {
      instance.removeInteraction(draw);
      if (measuring) {
        measureSource.current.clear();
        for (const tip of measureTips.current) instance.removeOverlay(tip);
        measureTips.current = [];
      }
    };
  }, [tool]);

  const visibleCodes = [...visible].filter((c) => layerObjects.current.has(c) || layers.some((l) => l.code === c && l.current)).sort().join(',');
  return (
    <div className="qs-spatial-map-wrap">
      <div
        ref={host}
        className={`qs-spatial-map${tool && tool !== 'identify' ? ' qs-spatial-map-drawing' : ''}`}
        role="application"
        aria-label={t('spatial.map.label')}
        data-testid={testId}
        data-tool={tool ?? ''}
        data-visible-layers={visibleCodes}
        data-basemap={tileUrl ? 'xyz' : 'none'}
      />
      {children}
    </div>
  );
}
