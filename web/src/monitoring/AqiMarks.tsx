// How an AQI reads on screen: the figure and its category on the level's colour (HJ 633 Appendix A),
// the legend of the six levels, and the mark of 示例数据. Colour is never the only signal: the
// category is written beside it.
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { AQI_LEVELS } from './air.ts';
import { textOn } from './labels.tsx';
import './air.css';

/** The level's colour itself as the background (antd would tint it), with text that reads on it. */
const onColour = (color: string) => ({ background: color, borderColor: color, color: textOn(color) });

interface Aqi {
  aqi: number | null;
  color: string | null;
  category: string | null;
}

/** The AQI on its colour; NA when there is none (too few data, or not published under HJ 633-2026). */
export function AqiValue({ value, testId = 'aqi-value' }: { value: Aqi; testId?: string }) {
  const { t } = useTranslation();
  if (value.aqi === null || !value.color) return <Tag data-testid={testId}>{t('monitoring.sites.aqiNa')}</Tag>;
  return (
    <Tag className="qs-mon-aqi-tag" style={onColour(value.color)} data-testid={testId} data-color={value.color}>
      {value.aqi}
    </Tag>
  );
}

/** The category (优, 良, …) on the level's colour. */
export function AqiCategory({ value }: { value: Aqi }) {
  const { t } = useTranslation();
  if (value.category === null || !value.color) return <span className="qs-muted">—</span>;
  return (
    <Tag style={onColour(value.color)} className="qs-air-category" data-testid="aqi-category">
      {t(`monitoring.calc.categories.${value.category}`, { defaultValue: value.category })}
    </Tag>
  );
}

/** The six levels with their ranges and colours. */
export function AqiLegend() {
  const { t } = useTranslation();
  return (
    <div className="qs-air-legend" data-testid="aqi-legend" aria-label={t('monitoring.air.legend')}>
      {AQI_LEVELS.map((l) => (
        <span key={l.level} className="qs-air-legend-item">
          <span className="qs-air-legend-swatch" style={{ background: l.color }} />
          <span>
            {t(`monitoring.calc.categories.${l.category}`)}
            <span className="qs-muted qs-small">{l.to === null ? t('monitoring.air.rangeAbove', { from: l.from - 1 }) : t('monitoring.air.range', { from: l.from, to: l.to })}</span>
          </span>
        </span>
      ))}
    </div>
  );
}

/** 示例数据: figures resting on data the platform generated, never to be read as measurements. */
export function DemoMark({ note }: { note?: string | null }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={note ?? t('monitoring.sites.demoHint')}>
      <Tag color="gold" className="qs-mon-demo" data-testid="demo-mark">
        {t('monitoring.air.demo')}
      </Tag>
    </Tooltip>
  );
}
