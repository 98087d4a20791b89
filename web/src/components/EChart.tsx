// One Apache ECharts chart as a React component. Only the chart types and components the pages use
// are registered (echarts/core), so the bundle carries nothing else; a page that needs another
// registers it here. Hand-written rather than echarts-for-react: that package bundles a resize
// sensor and a deep-equal the browser and React already give us (ResizeObserver, memoised options).
import { BarChart, LineChart, ScatterChart, type BarSeriesOption, type LineSeriesOption, type ScatterSeriesOption } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TooltipComponent,
  type DataZoomComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type MarkPointComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type ECElementEvent, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { usePrefersReducedMotion } from '../hooks.ts';
import { chartBase } from '../theme.ts';

use([BarChart, LineChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, MarkLineComponent, MarkPointComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | DataZoomComponentOption
  | MarkLineComponentOption
  | MarkPointComponentOption
>;

export type ChartClick = ECElementEvent;

/**
 * `option` replaces the whole chart on every change (keep it memoised); `label` describes the
 * chart for screen readers, since a canvas says nothing itself.
 */
export function EChart({
  option,
  label,
  height = 320,
  onClick,
  testId,
}: {
  option: ChartOption;
  label: string;
  height?: number;
  onClick?: (event: ChartClick) => void;
  testId?: string;
}) {
  const { i18n } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const reducedMotion = usePrefersReducedMotion();
  const locale = i18n.language === 'en' ? 'EN' : 'ZH';

  useEffect(() => {
    const instance = init(host.current!, undefined, { renderer: 'canvas', locale });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(host.current!);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [locale]);

  useEffect(() => {
    chart.current?.setOption({ ...chartBase({ reducedMotion }), ...option }, { notMerge: true });
  }, [option, locale, reducedMotion]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || !onClick) return;
    instance.on('click', onClick);
    return () => {
      instance.off('click', onClick);
    };
  }, [onClick, locale]);

  return <div ref={host} role="img" aria-label={label} style={{ width: '100%', height }} data-testid={testId} />;
}
