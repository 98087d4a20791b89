// The ECharts option of a station's year of daily AQI on a calendar: each day with an AQI in its
// level's colour (HJ 633), days without one left blank. The tooltip names the day's standard, since a
// year may straddle the change of 2026-03-01.
import type { TFunction } from 'i18next';
import { AQI_LEVELS, pollutantsText, standardText, type DailyAqi } from './air.ts';

/** The pieces of the visual map: one per AQI level, in the level's colour. */
const PIECES = AQI_LEVELS.map((l) => ({ min: l.from, ...(l.to === null ? {} : { max: l.to }), color: l.color }));

/** Options of ECharts' calendar, heatmap and visualMap (registered by AqiCalendarChart.tsx). */
export type CalendarOption = Record<string, unknown>;

export function aqiCalendarOption(t: TFunction, year: number, days: readonly DailyAqi[], language: 'ZH' | 'EN'): CalendarOption {
  const shown = days.filter((d) => d.aqi !== null);
  const byDate = new Map(shown.map((d) => [d.date, d]));
  return {
    tooltip: {
      formatter: (raw: { value?: [string, number] }) => {
        const day = raw.value ? byDate.get(raw.value[0]) : undefined;
        if (!day) return '';
        const category = day.category ? t(`monitoring.calc.categories.${day.category}`, { defaultValue: day.category }) : '';
        const lines = [
          `<b>${day.date}</b>`,
          `AQI <b>${day.aqi}</b> ${category}`,
          t('monitoring.format.labelled', { label: t('monitoring.air.primary'), value: pollutantsText(t, day.primaryPollutants) }),
          t('monitoring.format.labelled', { label: t('monitoring.air.standard'), value: standardText(t, day.standard) }),
          ...(day.counted ? [] : [t('monitoring.calendar.notCounted')]),
          ...(day.demo ? [t('monitoring.air.demo')] : []),
        ];
        return lines.join('<br/>');
      },
    },
    visualMap: { type: 'piecewise', show: false, dimension: 1, pieces: PIECES },
    calendar: {
      top: 30,
      left: 36,
      right: 12,
      bottom: 8,
      range: String(year),
      cellSize: ['auto', 16],
      splitLine: { lineStyle: { color: '#9ca3af', width: 1 } },
      itemStyle: { color: '#ffffff', borderColor: '#e5e7eb', borderWidth: 1 },
      dayLabel: { firstDay: 1, nameMap: language, fontSize: 10 },
      monthLabel: { nameMap: language, fontSize: 11 },
      yearLabel: { show: false },
    },
    series: [{ type: 'heatmap', coordinateSystem: 'calendar', data: shown.map((d) => [d.date, d.aqi]) }],
  };
}
