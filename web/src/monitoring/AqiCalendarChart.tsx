// The calendar chart of AqiCalendar, loaded with its ECharts parts (calendar, heatmap, visualMap) when
// first shown, as LazyEChart loads the other charts: none of it is in the main bundle.
import { HeatmapChart } from 'echarts/charts';
import { CalendarComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { init, use, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { usePrefersReducedMotion } from '../hooks.ts';
import { chartBase } from '../theme.ts';
import type { CalendarOption } from './calendarChart.ts';

use([HeatmapChart, CalendarComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export function AqiCalendarChart({ option, label, height = 200, testId }: { option: CalendarOption; label: string; height?: number; testId?: string }) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const reducedMotion = usePrefersReducedMotion();

  useEffect(() => {
    const instance = init(host.current!, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(host.current!);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ ...chartBase({ reducedMotion }), ...option }, { notMerge: true });
  }, [option, reducedMotion]);

  return <div ref={host} role="img" aria-label={label} style={{ width: '100%', height }} data-testid={testId} />;
}
