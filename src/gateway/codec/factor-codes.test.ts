import { describe, expect, it } from 'vitest';
import { FACTOR_CODES, factorFor2005Code, factorOf } from './factor-codes.ts';

describe('factor codes (Appendix B)', () => {
  it('holds the 196 codes of Tables B.1–B.3 and O3 from HJ 524-2009', () => {
    const count = (table: string) => FACTOR_CODES.filter((factor) => factor.table === table).length;
    expect([count('B.1'), count('B.2'), count('B.3')]).toEqual([63, 121, 12]);
    expect(factorOf('a05024')).toMatchObject({ name: '臭氧', table: 'HJ 524-2009' });
    expect(new Set(FACTOR_CODES.map((factor) => factor.code)).size).toBe(FACTOR_CODES.length);
  });

  it.each([
    ['w01018', '化学需氧量', '011', '毫克/升', '千克'],
    ['w21003', '氨氮', '060', '毫克/升', '千克'],
    ['w00000', '污水', 'B01', '升/秒', '立方米'],
    ['a21026', '二氧化硫', '02', '毫克/立方米', '千克'],
    ['a00000', '废气', 'B02', '立方米/秒', '立方米'],
    ['a19001', '氧气含量', 'S01', '%', null],
    ['a34004', 'PM2.5', null, '纳克/立方米', '克'],
    ['Leq', '等效声级', null, '分贝', null],
  ])('%s', (code, name, code2005, unitConcentration, unitAmount) => {
    expect(factorOf(code)).toMatchObject({ code2005, unitConcentration, unitAmount });
    expect(factorOf(code)!.name).toContain(name);
  });

  it('maps the 2005 codes of spec §5 to their 2017 codes', () => {
    const mapped = Object.fromEntries(['011', '060', '101', '065', '001', '003', 'B01', 'B02', '02', '03', '04', '01', 'S01', 'S02', 'S03'].map((c) => [c, factorFor2005Code(c)?.code]));
    expect(mapped).toEqual({
      '011': 'w01018', '060': 'w21003', '101': 'w21011', '065': 'w21001', '001': 'w01001', '003': 'w01012', B01: 'w00000', B02: 'a00000',
      '02': 'a21026', '03': 'a21002', '04': 'a21005', '01': 'a34013', S01: 'a19001', S02: 'a01011', S03: 'a01012',
    });
    expect(factorFor2005Code('999')).toBeUndefined();
  });
});
