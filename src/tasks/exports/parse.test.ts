import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseTaskListWorkbook } from './parse.ts';
import { EXAMPLE_ROW, ITEM_COLUMNS, ITEM_SHEET, LIST_FIELDS, LIST_SHEET, LIST_VALUE_ROW, templateWorkbook } from './template.ts';

type Row = Partial<Record<(typeof ITEM_COLUMNS)[number]['key'], ExcelJS.CellValue>>;
type Head = Partial<Record<(typeof LIST_FIELDS)[number]['key'], ExcelJS.CellValue>>;

const HEAD: Head = { key: 'test-2026', title: '测试清单', year: 2026, reportSchedule: '双月', acceptance: '牵头单位验收' };

/** A filled template: `rows` go from row 3 down (row 2 keeps the example). */
function filled(head: Head, rows: Row[]): ExcelJS.Workbook {
  const workbook = templateWorkbook({ documents: [{ id: '004', title: '文件' }], units: ['市生态环境局'] });
  const list = workbook.getWorksheet(LIST_SHEET)!;
  LIST_FIELDS.forEach((f, index) => {
    list.getCell(LIST_VALUE_ROW, index + 1).value = head[f.key] ?? null;
  });
  const items = workbook.getWorksheet(ITEM_SHEET)!;
  rows.forEach((row, r) => {
    ITEM_COLUMNS.forEach((c, index) => {
      items.getCell(r + 3, index + 1).value = row[c.key] ?? null;
    });
  });
  return workbook;
}

const ITEM: Row = { ref: '一', heading: '一、大气', title: '臭氧攻坚', responsible: '市生态环境局、各县（区）人民政府', deadline: '2026年9月底前', public: '是' };

describe('parseTaskListWorkbook', () => {
  it('reads the list, items and measures, skipping the example row', () => {
    const { input, problems } = parseTaskListWorkbook(
      filled(HEAD, [ITEM, { ref: '1', parent: '一', title: '挥发性有机物治理', lead: '市经济和信息化局', responsible: '市生态环境局；巴中经开区' }, { ref: '二', title: '水', text: '原文二', clause: '第二条' }]),
    );
    expect(problems).toEqual([]);
    expect(input.list).toEqual({ key: 'test-2026', doc: null, title: '测试清单', year: 2026, reportSchedule: 'bimonthly', acceptance: 'lead' });
    expect(input.items.map((i) => i.ref)).toEqual(['一', '二']);
    expect(input.items[0]).toMatchObject({ heading: '一、大气', title: '臭氧攻坚', text: '臭氧攻坚', clause: '一', responsible: ['市生态环境局', '各县（区）人民政府'], deadline: '2026年9月底前', public: true });
    expect(input.items[0]!.children).toEqual([
      expect.objectContaining({ ref: '1', title: '挥发性有机物治理', clause: '一 1', lead: ['市经济和信息化局'], responsible: ['市生态环境局', '巴中经开区'], deadline: null, public: false }),
    ]);
    expect(input.items[1]).toMatchObject({ text: '原文二', clause: '第二条', responsible: [] });
    expect(input.items.some((i) => i.title === EXAMPLE_ROW.title)).toBe(false);
  });

  const cases: { name: string; head?: Head; rows: Row[]; field: string; message: RegExp }[] = [
    { name: 'missing 编号', rows: [{ ...ITEM, ref: null }], field: '事项!第3行 编号', message: /必填/ },
    { name: 'missing 事项', rows: [ITEM, { ref: '二', responsible: '市林业局' }], field: '事项!第4行 事项', message: /必填/ },
    { name: 'a measure under no item', rows: [ITEM, { ref: '1', parent: '九', title: '措施' }], field: '事项!第4行 上级编号', message: /九/ },
    { name: 'a 公开 that is neither 是 nor 否', rows: [{ ...ITEM, public: '也许' }], field: '事项!第3行 公开', message: /是 或 否/ },
    { name: 'no items at all', rows: [], field: '事项', message: /没有/ },
    { name: 'missing key', head: { ...HEAD, key: null }, rows: [ITEM], field: '清单!第3行 清单标识', message: /必填/ },
    { name: 'a year that is no year', head: { ...HEAD, year: '明年' }, rows: [ITEM], field: '清单!第3行 年份', message: /不是年份/ },
    { name: 'an unknown schedule', head: { ...HEAD, reportSchedule: '随时' }, rows: [ITEM], field: '清单!第3行 报送周期', message: /之一/ },
    { name: 'missing acceptance', head: { ...HEAD, acceptance: null }, rows: [ITEM], field: '清单!第3行 验收方式', message: /必填/ },
  ];
  it.each(cases)('reports $name at $field', ({ head, rows, field, message }) => {
    const { problems } = parseTaskListWorkbook(filled(head ?? HEAD, rows));
    expect(problems).toEqual([expect.objectContaining({ field, message: expect.stringMatching(message) })]);
  });

  it.each([
    [new Date(Date.UTC(2026, 11, 31)), '2026年12月31日'],
    [2027, '2027年'],
    [46387, '2026年12月31日'],
    ['2026-06-30', '2026年6月30日'],
    ['2026/6', '2026年6月'],
    ['2026', '2026年'],
    ['2026年12月底前', '2026年12月底前'],
    [{ richText: [{ text: '2026年' }, { text: '6月底前' }] }, '2026年6月底前'],
    ['  持续推进 ', '持续推进'],
  ] as [ExcelJS.CellValue, string][])('reads a 完成时限 cell %j as %s', (value, text) => {
    const { input } = parseTaskListWorkbook(filled(HEAD, [{ ...ITEM, deadline: value }]));
    expect(input.items[0]!.deadline).toBe(text);
  });

  it('accepts English keys for schedule and acceptance', () => {
    const { input, problems } = parseTaskListWorkbook(filled({ ...HEAD, reportSchedule: 'quarterly', acceptance: 'supervisor' }, [ITEM]));
    expect(problems).toEqual([]);
    expect(input.list).toMatchObject({ reportSchedule: 'quarterly', acceptance: 'supervisor' });
  });

  it('maps the import’s paths back to sheet rows', () => {
    const { locate } = parseTaskListWorkbook(filled(HEAD, [ITEM, { ref: '二', title: '水' }, { ref: '1', parent: '一', title: '措施' }, { ref: '2', parent: '二', title: '措施' }]));
    expect(locate('items[0].responsible[1]')).toBe('事项!第3行 责任单位');
    expect(locate('items[1].deadline')).toBe('事项!第4行 完成时限');
    expect(locate('items[0].children[0].lead[0]')).toBe('事项!第5行 牵头单位');
    expect(locate('items[1].children[0].ref')).toBe('事项!第6行 编号');
    expect(locate('list.key')).toBe('清单!第3行 清单标识');
    expect(locate('list.doc')).toBe('清单!第3行 文件编号');
    expect(locate('items')).toBe('事项');
    expect(locate('items[9].title')).toBe('items[9].title');
  });

  it('says so when the sheets are missing', () => {
    const { problems } = parseTaskListWorkbook(new ExcelJS.Workbook());
    expect(problems.map((p) => p.field)).toEqual(['清单', '事项']);
  });
});
