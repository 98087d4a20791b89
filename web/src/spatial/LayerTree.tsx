// The layer tree of the map: layers in their groups, each with its switch, legend swatch (one per zone
// when the layer has zones), opacity, current version, and 示例数据 when its data is the demo's.
import { Checkbox, Slider, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format.ts';
import { groupLayers, swatchColour, zoneStyle } from './legend.ts';
import type { LayerView, Zone } from './types.ts';

export function localName(item: { name: string; nameEn: string }, language: string): string {
  return language === 'en' ? item.nameEn || item.name : item.name;
}

function Swatch({ layer, zoneIndex = -1 }: { layer: LayerView; zoneIndex?: number }) {
  const style = zoneStyle(layer.style, zoneIndex, layer.zones.length);
  if (layer.geometryType === 'line') {
    return <span className="qs-spatial-swatch qs-spatial-swatch-line" style={{ borderTopColor: style.stroke ?? '#555' }} />;
  }
  if (layer.geometryType === 'point') {
    return <span className="qs-spatial-swatch qs-spatial-swatch-point" style={{ background: style.stroke ?? style.fill ?? '#555' }} />;
  }
  return <span className="qs-spatial-swatch" style={{ background: swatchColour(style), borderColor: style.stroke ?? '#555' }} />;
}

function ZoneLegend({ layer, zones }: { layer: LayerView; zones: readonly Zone[] }) {
  const { i18n } = useTranslation();
  return (
    <div className="qs-spatial-zones" data-testid="layer-zones">
      {zones.map((zone, i) => (
        <span key={zone.code} className="qs-spatial-zone">
          <Swatch layer={layer} zoneIndex={i} />
          {localName(zone, i18n.language)}
        </span>
      ))}
    </div>
  );
}

export function LayerTree({
  layers,
  visible,
  opacity,
  onToggle,
  onOpacity,
}: {
  layers: readonly LayerView[];
  visible: ReadonlySet<string>;
  opacity: ReadonlyMap<string, number>;
  onToggle: (code: string, on: boolean) => void;
  onOpacity: (code: string, value: number) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="qs-spatial-tree" data-testid="layer-tree">
      {groupLayers(layers).map(({ group, layers: members }) => (
        <section key={group} className="qs-spatial-group">
          <div className="qs-spatial-group-title">{t(`spatial.groups.${group}`)}</div>
          {members.map((layer) => {
            const on = visible.has(layer.code);
            const current = layer.current;
            return (
              <div key={layer.code} className={`qs-spatial-layer${current ? '' : ' qs-spatial-layer-empty'}`} data-testid="layer-row" data-layer={layer.code}>
                <div className="qs-spatial-layer-head">
                  <Checkbox checked={on} disabled={!current} onChange={(e) => onToggle(layer.code, e.target.checked)} data-testid="layer-toggle" data-layer={layer.code}>
                    <span className="qs-spatial-layer-name">
                      <Swatch layer={layer} />
                      {localName(layer, i18n.language)}
                    </span>
                  </Checkbox>
                  <span className="qs-spatial-layer-tags">
                    {current?.demo && (
                      <Tag color="orange" className="qs-spatial-tag" data-testid="layer-demo">
                        {t('spatial.demo.tag')}
                      </Tag>
                    )}
                    {current ? (
                      <Tooltip
                        title={t('spatial.layers.versionTip', {
                          version: current.version,
                          count: current.featureCount,
                          source: current.sourceName,
                          at: formatDateTime(current.importedAt),
                        })}
                      >
                        <Typography.Text type="secondary" className="qs-small" data-testid="layer-version">
                          v{current.version}
                        </Typography.Text>
                      </Tooltip>
                    ) : (
                      <Typography.Text type="secondary" className="qs-small">
                        {t('spatial.layers.noData')}
                      </Typography.Text>
                    )}
                  </span>
                </div>
                {on && current && (
                  <div className="qs-spatial-layer-body">
                    {layer.zones.length > 1 && <ZoneLegend layer={layer} zones={layer.zones} />}
                    <div className="qs-spatial-opacity">
                      <span className="qs-small qs-spatial-muted">{t('spatial.layers.opacity')}</span>
                      <Slider
                        min={0.1}
                        max={1}
                        step={0.05}
                        value={opacity.get(layer.code) ?? 1}
                        onChange={(v) => onOpacity(layer.code, v)}
                        tooltip={{ formatter: (v) => `${Math.round((v ?? 1) * 100)}%` }}
                        aria-label={t('spatial.layers.opacity')}
                        data-testid="layer-opacity"
                      />
                    </div>
                  </div>
                )}
              </div>
            );
          })}
        </section>
      ))}
    </div>
  );
}
