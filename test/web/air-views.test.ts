// The pure parts of the air-quality pages (web/src/monitoring/air.ts, calendarChart.ts): the CSV the
// evaluation exports, the figures it compares, and the calendar's colours, blanks and tooltip.
import { readFileSync } from 'node:fs';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { AQI_LEVELS, csvOf, type DailyAqi } from '../../web/src/monitoring/air.ts';
import { aqiCalendarOption } from '../../web/src/monitoring/calendarChart.ts';

const messages = (name: string) => JSON.parse(readFileSync(new URL(`../../web/src/i18n/${name}.json`, import.meta.url), 'utf8')) as object;
let zh: TFunction;
beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { 'zh-CN': { translation: messages('zh-CN') }, en: { translation: messages('en') } }, lng: 'zh-CN', interpolation: { escapeValue: false } });
  zh = i18n.getFixedT('zh-CN');
});

const day = (date: string, aqi: number | null, extra: Partial<DailyAqi> = {}): DailyAqi => ({
  date,
  standard: 'HJ633-2012',
  aqi,
  level: null,
  category: aqi === null ? null : aqi <= 50 ? '优' : '良',
  color: null,
  primaryPollutants: aqi !== null && aqi > 50 ? ['PM2.5'] : [],
  counted: aqi !== null,
  demo: false,
  ...extra,
});

describe('CSV export', () => {
  it('starts with a byte-order mark, quotes what needs it and leaves empty cells for missing figures', () => {
    expect(csvOf([['县区', '综合指数'], ['巴州区, "城区"', null], ['恩阳区', 3.04]])).toBe('\uFEFF县区,综合指数\r\n"巴州区, ""城区""",\r\n恩阳区,3.04\r\n');
  });
});

describe('AQI calendar', () => {
  it('colours the six levels as HJ 633 Appendix A does', () => {
    expect(AQI_LEVELS.map((l) => [l.from, l.to, l.color])).toEqual([
      [0, 50, '#00E400'],
      [51, 100, '#FFFF00'],
      [101, 150, '#FF7E00'],
      [151, 200, '#FF0000'],
      [201, 300, '#99004C'],
      [301, null, '#7E0023'],
    ]);
    const option = aqiCalendarOption(zh, 2025, [], 'ZH') as { visualMap: { pieces: { min: number; max?: number; color: string }[] } };
    expect(option.visualMap.pieces[1]).toEqual({ min: 51, max: 100, color: '#FFFF00' });
    expect(option.visualMap.pieces[5]).toEqual({ min: 301, color: '#7E0023' });
  });

  it('leaves days without an AQI blank and names the day, AQI, category, primary pollutant and standard in the tooltip', () => {
    const option = aqiCalendarOption(zh, 2025, [day('2025-01-01', 42), day('2025-01-02', null), day('2025-01-03', 87, { counted: false, demo: true })], 'ZH') as {
      series: { data: [string, number][] }[];
      tooltip: { formatter: (p: { value?: [string, number] }) => string };
      calendar: { range: string };
    };
    expect(option.calendar.range).toBe('2025');
    expect(option.series[0]!.data).toEqual([
      ['2025-01-01', 42],
      ['2025-01-03', 87],
    ]);
    const tip = option.tooltip.formatter({ value: ['2025-01-03', 87] });
    expect(tip).toContain('2025-01-03');
    expect(tip).toContain('AQI <b>87</b> 良');
    expect(tip).toContain('首要污染物：PM₂.₅');
    expect(tip).toContain('标准：HJ 633—2012');
    expect(tip).toContain('不计入有效监测天数');
    expect(tip).toContain('示例数据');
  });
});
