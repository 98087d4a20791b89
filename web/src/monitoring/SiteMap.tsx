// The sites on a map drawn with OpenLayers and nothing from the network: many government intranets
// have no internet, so there are no tiles — the points (coloured by kind) sit on a plain background
// with a lon/lat graticule and a scale line, fitted to their extent. Loaded lazily (LazySiteMap), so
// OpenLayers stays out of every other page's bundle.
import { AIR_STATION_NAME_SUFFIX } from '../../../src/monitoring/data/file-layout.ts';
import 'ol/ol.css';
import OlMap from 'ol/Map.js';
import View from 'ol/View.js';
import Feature from 'ol/Feature.js';
import Point from 'ol/geom/Point.js';
import ScaleLine from 'ol/control/ScaleLine.js';
import { defaults as defaultControls } from 'ol/control/defaults.js';
import Graticule from 'ol/layer/Graticule.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { boundingExtent } from 'ol/extent.js';
import { fromLonLat } from 'ol/proj.js';
import { Circle, Fill, Stroke, Style, Text } from 'ol/style.js';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { theme } from '../theme.ts';
import { KIND_COLOURS, kindLabel } from './labels.tsx';
import { SITE_KINDS, type Site } from './types.ts';

/** The latest AQI of an air station, when the evaluation endpoints provide it. */
export interface StationAqi {
  aqi: number | null;
  color: string | null;
}

/** A per-site fill colour and a label after the name (a water class, say), when a page provides them. */
export interface SiteMark {
  color: string;
  label: string;
}

const FONT = `12px ${theme.token?.fontFamily ?? 'sans-serif'}`;
/** Closest zoom when the points are few and close: a town, not a street. */
const MAX_ZOOM = 12;

/** The kind is the point's colour, so a station's label drops the words that say it. */
const mapLabel = (site: Site): string => (site.name.endsWith(AIR_STATION_NAME_SUFFIX) ? site.name.slice(0, -AIR_STATION_NAME_SUFFIX.length) : site.name) || site.name;

function pointStyle(site: Site, aqi: StationAqi | undefined, mark?: SiteMark): Style[] {
  const colour = KIND_COLOURS[site.kind];
  const fill = mark?.color ?? aqi?.color ?? colour;
  const styles = [
    new Style({
      // Only the names give way to each other; every point is always drawn.
      image: new Circle({ radius: 7, fill: new Fill({ color: fill }), stroke: new Stroke({ color: aqi?.color || mark ? colour : '#ffffff', width: 2 }), declutterMode: 'none' }),
      text: new Text({
        text: mark ? `${mapLabel(site)}  ${mark.label}` : aqi?.aqi != null ? `${mapLabel(site)}  AQI ${aqi.aqi}` : mapLabel(site),
        font: FONT,
        offsetY: -16,
        fill: new Fill({ color: '#1f2937' }),
        stroke: new Stroke({ color: '#ffffff', width: 3 }),
      }),
    }),
  ];
  if (site.coordinatesApproximate) {
    styles.push(new Style({ image: new Circle({ radius: 12, stroke: new Stroke({ color: colour, width: 1.5, lineDash: [3, 3] }), declutterMode: 'none' }) }));
  }
  return styles;
}

export function SiteMap({
  sites,
  onSelect,
  aqi,
  marks,
  height = 420,
}: {
  sites: readonly Site[];
  onSelect: (site: Site) => void;
  aqi?: ReadonlyMap<number, StationAqi>;
  marks?: ReadonlyMap<number, SiteMark>;
  height?: number;
}) {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const map = useRef<OlMap | null>(null);
  const source = useRef(new VectorSource<Feature<Point>>());
  const select = useRef(onSelect);
  select.current = onSelect;
  // Names give way to each other on the map; the one under the pointer is always shown.
  const [hover, setHover] = useState<{ site: Site; x: number; y: number } | null>(null);

  useEffect(() => {
    const instance = new OlMap({
      target: host.current!,
      controls: defaultControls({ attribution: false, rotate: false }).extend([new ScaleLine({ units: 'metric' })]),
      layers: [
        new Graticule({ strokeStyle: new Stroke({ color: 'rgba(22, 119, 255, 0.18)', width: 1 }), showLabels: true, wrapX: false }),
        new VectorLayer({ source: source.current, declutter: true }),
      ],
      view: new View({ center: fromLonLat([106.75, 31.85]), zoom: 9 }),
    });
    instance.on('click', (event) => {
      const hit = instance.forEachFeatureAtPixel(event.pixel, (f) => f.get('site') as Site | undefined, { hitTolerance: 6 });
      if (hit) select.current(hit);
    });
    instance.on('pointermove', (event) => {
      const over = instance.forEachFeatureAtPixel(event.pixel, (f) => f.get('site') as Site | undefined, { hitTolerance: 6 });
      const target = instance.getTargetElement();
      if (target) target.style.cursor = over ? 'pointer' : '';
      setHover(over ? { site: over, x: event.pixel[0]!, y: event.pixel[1]! } : null);
    });
    host.current!.addEventListener('pointerleave', () => setHover(null));
    const observer = new ResizeObserver(() => instance.updateSize());
    observer.observe(host.current!);
    map.current = instance;
    return () => {
      observer.disconnect();
      instance.setTarget(undefined);
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const features = sites.map((site) => {
      const feature = new Feature({ geometry: new Point(fromLonLat([site.lon, site.lat])), site });
      feature.setStyle(pointStyle(site, aqi?.get(site.id), marks?.get(site.id)));
      return feature;
    });
    source.current.clear();
    source.current.addFeatures(features);
    const instance = map.current;
    if (features.length === 0 || !instance) return;
    const extent = boundingExtent(features.map((f) => f.getGeometry()!.getCoordinates()));
    const fit = () => instance.getView().fit(extent, { padding: [56, 72, 48, 72], maxZoom: MAX_ZOOM });
    // Fitting needs the map's size, which a map just mounted learns only after its first layout.
    const size = instance.getSize();
    if (size && size[0]! > 0 && size[1]! > 0) fit();
    else instance.once('change:size', fit);
  }, [sites, aqi, marks]);

  return (
    <div className="qs-mon-map-wrap">
      <div
        ref={host}
        className="qs-mon-map"
        style={{ height }}
        role="img"
        aria-label={t('monitoring.sites.mapLabel', { count: sites.length })}
        data-testid="site-map"
        data-points={sites.length}
      />
      {hover && (
        <div className="qs-mon-map-tip" style={{ left: hover.x, top: hover.y }} data-testid="site-map-tip">
          <strong>{hover.site.name}</strong>
          <span>
            {kindLabel(t, hover.site.kind)} · {hover.site.districtName}
            {hover.site.coordinatesApproximate ? ` · ${t('monitoring.sites.approximate')}` : ''}
          </span>
        </div>
      )}
      <div className="qs-mon-legend" data-testid="site-map-legend">
        {SITE_KINDS.map((kind) => (
          <span key={kind} className="qs-mon-legend-item">
            <span className="qs-mon-legend-dot" style={{ background: KIND_COLOURS[kind] }} />
            {kindLabel(t, kind)}
          </span>
        ))}
        <span className="qs-mon-legend-item">
          <span className="qs-mon-legend-ring" />
          {t('monitoring.sites.legendApproximate')}
        </span>
        <span className="qs-mon-legend-note">{t('monitoring.sites.mapOffline')}</span>
      </div>
    </div>
  );
}
