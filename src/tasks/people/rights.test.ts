import { describe, expect, it } from 'vitest';
import { mergeRows, peopleRights } from './rights.ts';

const BAZHOU = 11;
const TONGJIANG = 12;
const EEB = 21;

describe('who may name 包保责任人 and grids', () => {
  const withLead = [
    { role: 'lead', organisationId: EEB },
    { role: 'responsible', organisationId: BAZHOU },
  ];
  const responsibleOnly = [
    { role: 'responsible', organisationId: BAZHOU },
    { role: 'responsible', organisationId: TONGJIANG },
    { role: 'supervising', organisationId: EEB },
  ];

  it('lets managers edit everything, with or without a unit of their own on the item', () => {
    expect(peopleRights({ manages: true, actsFor: null, units: responsibleOnly })).toBe('all');
  });

  it('lets the lead unit edit everything and leaves responsible units out where there is a lead', () => {
    expect(peopleRights({ manages: false, actsFor: EEB, units: withLead })).toBe('all');
    expect(peopleRights({ manages: false, actsFor: BAZHOU, units: withLead })).toBeNull();
  });

  it('lets each responsible unit edit its own where the item names no lead unit', () => {
    expect(peopleRights({ manages: false, actsFor: BAZHOU, units: responsibleOnly })).toBe('own');
  });

  it('stands an organisation only where the item names it, not its parent (巴中市 is every unit\'s)', () => {
    expect(peopleRights({ manages: false, actsFor: 1, units: withLead })).toBeNull();
  });

  it('refuses supervisors, other units and users who cannot act on tasks', () => {
    expect(peopleRights({ manages: false, actsFor: EEB, units: responsibleOnly })).toBeNull();
    expect(peopleRights({ manages: false, actsFor: 99, units: withLead })).toBeNull();
    expect(peopleRights({ manages: false, actsFor: null, units: withLead })).toBeNull();
  });
});

describe('merging an edit', () => {
  const rows = [
    { name: '甲', org: BAZHOU },
    { name: '乙', org: TONGJIANG },
    { name: '丙', org: BAZHOU },
  ];
  const ofBazhou = (row: { org: number }) => row.org === BAZHOU;

  it('replaces everything with all rights', () => {
    expect(mergeRows('all', rows, [{ name: '丁', org: TONGJIANG }], ofBazhou)).toEqual([{ name: '丁', org: TONGJIANG }]);
  });

  it('replaces only the own rows with own rights, keeping the others first', () => {
    expect(mergeRows('own', rows, [{ name: '丁', org: BAZHOU }], ofBazhou)).toEqual([
      { name: '乙', org: TONGJIANG },
      { name: '丁', org: BAZHOU },
    ]);
    expect(mergeRows('own', rows, [], ofBazhou)).toEqual([{ name: '乙', org: TONGJIANG }]);
  });
});
