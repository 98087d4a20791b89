import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, csvRecords, type CsvRecord } from './csv-stream.ts';

async function readAll(text: string, pieceLength: number): Promise<CsvRecord[]> {
  async function* pieces() {
    for (let i = 0; i < text.length; i += pieceLength) yield text.slice(i, i + pieceLength);
  }
  const records: CsvRecord[] = [];
  for await (const batch of csvRecords(pieces())) records.push(...batch);
  return records;
}

/** What the in-memory path reads from the same text (table-file.ts). */
function csvParse(text: string): CsvRecord[] {
  const parsed = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as { record: string[]; info: { lines: number } }[];
  return parsed.map((p) => ({ record: p.record, line: p.info.lines }));
}

const SAMPLES = {
  plain: '站点编码,时间,PM2.5\nA,2026-03-01 01:00,35\nB,2026-03-01 02:00,\n',
  crlfWithoutFinalBreak: '\uFEFF站点编码,时间,PM2.5\r\nA,2026-03-01 01:00,35\r\nB,2026-03-01 02:00,36',
  emptyLinesAndShortRows: 'a,b,c\n\nx\n\n\ny,z,w,v\n',
  quoted: 'a,b,c\n"x, y","say ""hi""",3\n"two\nlines",",",""\n"last"',
};

describe('csvRecords', () => {
  for (const [name, text] of Object.entries(SAMPLES)) {
    it(`reads ${name} as csv-parse does, however the text is cut`, async () => {
      const expected = csvParse(text);
      for (const pieceLength of [1, 2, 3, 7, text.length]) expect(await readAll(text, pieceLength)).toEqual(expected);
    });
  }

  // csv-parse counts a CRLF inside quotes as two lines; a row is named by the line it ends on in an editor.
  it('counts a CRLF inside quotes as one line break', async () => {
    const text = 'a,b\r\n"one\r\ntwo",2\r\n3,"4"\r\n';
    const expected = [
      { record: ['a', 'b'], line: 1 },
      { record: ['one\r\ntwo', '2'], line: 3 },
      { record: ['3', '4'], line: 4 },
    ];
    for (const pieceLength of [1, 2, 5, text.length]) expect(await readAll(text, pieceLength)).toEqual(expected);
  });

  it('refuses a quote that never closes, naming the line it opens on', async () => {
    await expect(readAll('a,b\n1,2\n"open,3\n4,5\n', 4)).rejects.toEqual(new CsvSyntaxError(3));
  });
});
