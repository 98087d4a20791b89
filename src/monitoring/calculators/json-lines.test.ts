import { describe, expect, it } from 'vitest';
import { PassThrough, Readable } from 'node:stream';
import { answerLines } from './json-lines.ts';

// The example of ../shared/specs/calculator-io.md, with the output it documents.
const SPEC_AQI_INPUT = { standard: 'HJ633-2012', mode: 'daily', values: { SO2_24h: 6, NO2_24h: 11, PM10_24h: 21, 'PM2.5_24h': 20, CO_24h: 1.3, O3_1h_max: 126, O3_8h_max: 93 } };
const SPEC_AQI_OUTPUT = {
  standard: 'HJ633-2012',
  mode: 'daily',
  aqi: 47,
  level: 1,
  category: '优',
  color: '#00E400',
  iaqi: { SO2_24h: 6, NO2_24h: 14, PM10_24h: 21, 'PM2.5_24h': 29, CO_24h: 33, O3_1h_max: 40, O3_8h_max: 47 },
  primaryPollutants: [],
  nonAttainmentPollutants: [],
};

async function run(name: 'aqi' | 'water-class', lines: string[]) {
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const failed = await answerLines(name, Readable.from(lines.map((l) => `${l}\n`)), output);
  return { failed, answers: chunks.join('').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('calculator JSON lines', () => {
  it('answers each line in order, a refused line with an error naming the field, and goes on', async () => {
    const { failed, answers } = await run('aqi', [JSON.stringify(SPEC_AQI_INPUT), '', 'not json', JSON.stringify({ mode: 'daily', values: { SO2_24h: -1 } }), JSON.stringify(SPEC_AQI_INPUT)]);
    expect(answers).toHaveLength(4);
    expect(answers[0]).toMatchObject(SPEC_AQI_OUTPUT);
    expect(answers[1]).toEqual({ error: expect.stringMatching(/JSON/) });
    expect(answers[2]).toEqual({ error: expect.stringMatching(/SO2_24h/) });
    expect(answers[3]).toMatchObject(SPEC_AQI_OUTPUT);
    expect(failed).toBe(2);
  });

  it('classifies the water sample of the format file', async () => {
    const sample = { waterBody: 'river', values: { pH: 7.6, DO: 6.2, CODMn: 3.1, COD: 14, BOD5: 2.5, 'NH3-N': 0.35, TP: 0.08, F: 0.3, Hg: 0.00002 } };
    const { failed, answers } = await run('water-class', [JSON.stringify(sample)]);
    expect(failed).toBe(0);
    // DO 6.2 ≥ 6 is class II, CODMn 3.1 ≤ 4 class II, NH3-N 0.35 ≤ 0.5 class II, TP 0.08 ≤ 0.1 class II: the section is II, 优.
    expect(answers[0]).toMatchObject({ waterBody: 'river', class: 'II', descriptor: '优', mainPollutants: [] });
  });
});
