/**
 * CSV records from text arriving in pieces, for files too large to hold: RFC 4180 (quoted fields,
 * "" inside quotes, line breaks inside quotes), CRLF or LF, a leading BOM dropped, empty lines
 * skipped, rows of any length. Each record comes with the line it ends on (1-based), as csv-parse's
 * info.lines gives it, so rows are named alike on both import paths. A line without a quote — nearly
 * every line of a data file — is split at its commas; csv-parse's stream is ~20× slower here.
 */
export interface CsvRecord {
  record: string[];
  line: number;
}

export class CsvSyntaxError extends Error {
  constructor(readonly line: number) {
    super(`第${line}行起的引号没有闭合`);
  }
}

/**
 * A quoted record from `start`: its fields, where it ends (after its line break) and how many line
 * breaks it holds; null when the text ends first and more may come.
 */
function quotedRecord(text: string, start: number, final: boolean): { record: string[]; next: number; breaks: number } | null {
  const record: string[] = [];
  let breaks = 0;
  let pos = start;
  for (;;) {
    let field = '';
    if (text[pos] === '"') {
      pos += 1;
      for (;;) {
        const quote = text.indexOf('"', pos);
        if (quote < 0) return null;
        const part = text.slice(pos, quote);
        for (let i = part.indexOf('\n'); i >= 0; i = part.indexOf('\n', i + 1)) breaks += 1;
        field += part;
        if (text[quote + 1] === '"') {
          field += '"';
          pos = quote + 2;
          continue;
        }
        if (quote + 1 >= text.length && !final) return null;
        pos = quote + 1;
        break;
      }
      // Text between the closing quote and the next comma is kept, as a lenient reader would.
      const rest = /[^,\r\n]*/y;
      rest.lastIndex = pos;
      field += rest.exec(text)![0];
      pos = rest.lastIndex;
    } else {
      const rest = /[^,\r\n]*/y;
      rest.lastIndex = pos;
      field = rest.exec(text)![0];
      pos = rest.lastIndex;
    }
    record.push(field);
    if (pos >= text.length) return final ? { record, next: pos, breaks } : null;
    const char = text[pos];
    if (char === ',') {
      pos += 1;
      continue;
    }
    if (char === '\r' && pos + 1 >= text.length && !final) return null;
    pos += char === '\r' && text[pos + 1] === '\n' ? 2 : 1;
    return { record, next: pos, breaks };
  }
}

/** Records in batches (one per piece of text), so that a caller awaits once per piece, not per row. */
export async function* csvRecords(pieces: AsyncIterable<string>): AsyncGenerator<CsvRecord[]> {
  let text = '';
  let line = 0;
  let first = true;
  const read = (final: boolean): CsvRecord[] => {
    const records: CsvRecord[] = [];
    let pos = 0;
    while (pos < text.length) {
      let end = text.indexOf('\n', pos);
      if (end < 0) {
        if (!final) break;
        end = text.length;
      }
      const raw = text.charCodeAt(end - 1) === 13 && end > pos ? text.slice(pos, end - 1) : text.slice(pos, end);
      if (!raw.includes('"')) {
        line += 1;
        pos = end + 1;
        if (raw !== '') records.push({ record: raw.split(','), line });
        continue;
      }
      const quoted = quotedRecord(text, pos, final);
      if (!quoted) {
        if (final) throw new CsvSyntaxError(line + 1);
        break;
      }
      line += 1 + quoted.breaks;
      pos = quoted.next;
      records.push({ record: quoted.record, line });
    }
    text = text.slice(Math.min(pos, text.length));
    return records;
  };
  for await (const piece of pieces) {
    text += first && piece.startsWith('\uFEFF') ? piece.slice(1) : piece;
    first = first && piece === '';
    const records = read(false);
    if (records.length > 0) yield records;
  }
  const records = read(true);
  if (records.length > 0) yield records;
}
