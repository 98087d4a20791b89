import { describe, expect, it } from 'vitest';
import { alertText, alertTitle, type AlertFacts } from './text.ts';

const base = { siteName: '金碑', districtName: '巴州区', openedAt: '2026-12-01T09:30:00+08:00', lastSeenAt: '2026-12-01T09:30:00+08:00', demo: false };

describe('an alert in words (the 督办 item it opens)', () => {
  it('names the class against the target, each item with its unit, limit and 超标倍数, and the standard', () => {
    const alert: AlertFacts = {
      ...base,
      kind: 'section_below_target',
      standard: 'GB3838-2002',
      detail: {
        sampledAt: '2026-12-01T09:30:00+08:00', origin: 'manual', class: 'III', targetClass: 'II',
        exceeding: [
          { parameter: 'NH3-N', name: '氨氮', value: 0.8, class: 'III', limit: '0.5', exceedMultiple: 0.6 },
          { parameter: 'pH', name: 'pH值', value: 9.5, class: '劣V', limit: '6–9', exceedMultiple: null },
        ],
      },
    };
    expect(alertTitle(alert)).toBe('金碑：水质Ⅲ类，未达到目标Ⅱ类');
    expect(alertText(alert)).toBe(
      '金碑（巴州区）2026-12-01 09:30 手工监测水质为Ⅲ类，目标Ⅱ类。超标项目：氨氮 0.8 mg/L（Ⅲ类，限值 0.5，超标 0.6 倍）；pH值 9.5（劣Ⅴ类，限值 6–9）。按 GB3838-2002 评价。请责任单位核查原因、落实管控或整改措施，并按期报告进展。',
    );
  });

  it('says the AQI, category, pollutant and standard of a heavy-pollution hour, and marks 示例数据', () => {
    const alert: AlertFacts = {
      ...base,
      siteName: '南江县城空气质量自动监测站',
      districtName: '南江县',
      kind: 'aqi_heavy',
      standard: 'HJ633-2026',
      demo: true,
      detail: { hour: '2026-12-01T09:00:00+08:00', aqi: 236, category: '重度污染', primaryPollutants: ['PM2.5'] },
    };
    expect(alertTitle(alert)).toBe('南江县城空气质量自动监测站：空气质量重度污染（AQI 236）');
    expect(alertText(alert)).toContain('2026-12-01 09:00（小时结束时刻）实时空气质量指数 AQI 为 236，重度污染，首要污染物：PM2.5。按 HJ633-2026 评价。');
    expect(alertText(alert)).toMatch(/（示例数据，仅供演示）$/);
  });

  it('gives a silent station its last data time and hours', () => {
    const alert: AlertFacts = { ...base, kind: 'station_silent', standard: null, detail: { lastDataAt: '2026-12-01T03:00:00+08:00', hoursSilent: 7, thresholdHours: 6 } };
    expect(alertTitle(alert)).toBe('金碑：超过 6 小时无监测数据');
    expect(alertText(alert)).toBe('金碑（巴州区）最后一次监测数据时间为 2026-12-01 03:00，已 7 小时未收到数据（预警阈值 6 小时）。请核查站点设备与数据传输。');
  });
});
