import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { milestoneProgress, type PlannedMilestone, type QuantityReport } from './milestone-progress.ts';

interface Case {
  name: string;
  currentYear: number;
  /** Only what differs from a cumulative 新改建排水管网 milestone in km. */
  milestones: (Partial<PlannedMilestone> & Pick<PlannedMilestone, 'id' | 'organisationId' | 'year' | 'quantity'>)[];
  reports: QuantityReport[];
  expect: unknown[];
}
const cases = JSON.parse(readFileSync(new URL('./milestone-progress.cases.json', import.meta.url), 'utf8')) as Case[];

const milestone = (m: Case['milestones'][number]): PlannedMilestone => ({
  subject: '新改建排水管网',
  unit: 'km',
  organisationName: m.organisationId === null ? null : `organisation ${m.organisationId}`,
  districtWrittenAs: null,
  cumulative: true,
  ...m,
});

describe('milestoneProgress (节点进度)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = milestoneProgress(c.milestones.map(milestone), c.reports, c.currentYear);
    expect(result).toHaveLength(c.expect.length);
    expect(result).toMatchObject(c.expect);
  });

  it('has nothing to show for an item without milestones', () => {
    expect(milestoneProgress([], [{ id: 1, milestoneId: null, quantity: 3, filedOn: '2025-01-01' }], 2025)).toEqual([]);
  });

  it('aligns every series with the years', () => {
    for (const c of cases) {
      for (const subject of milestoneProgress(c.milestones.map(milestone), c.reports, c.currentYear)) {
        for (const series of [...subject.districts, ...(subject.total ? [subject.total] : [])]) {
          expect(series.planned).toHaveLength(subject.years.length);
          expect(series.reported).toHaveLength(subject.years.length);
        }
      }
    }
  });
});
