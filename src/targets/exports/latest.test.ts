import { describe, expect, it } from 'vitest';
import { latestOf } from './latest.ts';
import type { Period } from '../model.ts';

const v = (year: number, period: Period) => ({ year, period });

describe('latestOf', () => {
  it.each([
    { name: 'nothing', values: [], expected: null },
    { name: 'the latest year', values: [v(2024, 'year'), v(2025, 'year'), v(2023, 'year')], expected: v(2025, 'year') },
    { name: 'a later year’s quarter over an earlier whole year', values: [v(2024, 'year'), v(2025, 'Q1')], expected: v(2025, 'Q1') },
    { name: 'the whole year over its quarters and months', values: [v(2025, 'Q4'), v(2025, 'year'), v(2025, 'M12')], expected: v(2025, 'year') },
    { name: 'the latest month of a year', values: [v(2025, 'M03'), v(2025, 'M11'), v(2025, 'M07')], expected: v(2025, 'M11') },
    { name: 'the quarter over the month it ends in', values: [v(2025, 'M06'), v(2025, 'Q2')], expected: v(2025, 'Q2') },
    { name: 'a month after the last quarter', values: [v(2025, 'Q2'), v(2025, 'M08')], expected: v(2025, 'M08') },
  ])('picks $name', ({ values, expected }) => {
    expect(latestOf(values)).toEqual(expected);
  });
});
