import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe('calculator API', () => {
  it('computes the AQI of the format file’s example without a login', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calc/aqi',
      payload: { standard: 'HJ633-2012', mode: 'daily', values: { SO2_24h: 6, NO2_24h: 11, PM10_24h: 21, 'PM2.5_24h': 20, CO_24h: 1.3, O3_1h_max: 126, O3_8h_max: 93 } },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ aqi: 47, category: '优', iaqi: { CO_24h: 33, O3_8h_max: 47 }, primaryPollutants: [] });
  });

  it('keeps every field of a result, nested ones included', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/calc/water-class', payload: { waterBody: 'lake', values: { TP: 0.3, TN: 1.2, DO: 8 } } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    // Lake TP 0.3 > 0.2 (class V limit for lakes) is 劣V; TN 1.2 is evaluated apart (≤ 1.5: IV).
    expect(body).toMatchObject({ class: '劣V', tn: { class: 'IV' }, classes: { TP: '劣V', DO: 'I' } });
    expect(body.mainPollutants[0]).toMatchObject({ parameter: 'TP', class: '劣V' });
  });

  it('answers a bad input with a 400 problem naming the field', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/calc/water-class', payload: { waterBody: 'sea', values: {} } });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json()).toMatchObject({ title: '计算输入无效', errors: [{ field: 'waterBody' }] });
  });

  it('refuses a body that is not an object', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/calc/air-annual', headers: { 'content-type': 'application/json' }, payload: '[1,2]' });
    expect(response.statusCode).toBe(400);
  });
});
