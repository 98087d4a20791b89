/**
 * 完成时限 / 整改时限 as the documents write them, turned into something a computer can judge.
 * "2022年12月底前" and "2023 年 6 月" mean the end of that month; "2025年底前" and "2025年" the end
 * of the year; "持续推进" and "立行立改，长期坚持" have no closing date (reported on, never closed);
 * "2022年12月底前完成并长期坚持" closes on a date and keeps being reported on after.
 */
export type Deadline =
  | { kind: 'date'; due: string; ongoingAfter: boolean }
  | { kind: 'ongoing' }
  | { kind: 'yearly'; month: number; day: number }
  | { kind: 'none' }
  | { kind: 'unparsed'; text: string };

const ONGOING = /持续|长期坚持|常态化|长期|立行立改/;
const FULL_WIDTH_DIGITS = /[０-９]/g;

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function validDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= lastDayOfMonth(year, month);
}

export function parseDeadline(text: string | null | undefined): Deadline {
  if (text === null || text === undefined) return { kind: 'none' };
  const compact = text
    .replace(FULL_WIDTH_DIGITS, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '');
  if (compact === '') return { kind: 'none' };
  const ongoing = ONGOING.test(compact);

  const yearly = /^每年(\d{1,2})月(?:(\d{1,2})日|底)?前?/.exec(compact);
  if (yearly) {
    const month = Number(yearly[1]);
    if (month >= 1 && month <= 12) return { kind: 'yearly', month, day: yearly[2] ? Number(yearly[2]) : lastDayOfMonth(2001, month) };
  }

  // The last year named closes a range such as "2021—2025年".
  const dated = [...compact.matchAll(/(20\d{2})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?/g)].at(-1);
  if (dated) {
    const year = Number(dated[1]);
    const month = dated[2] ? Number(dated[2]) : 12;
    const day = dated[3] ? Number(dated[3]) : lastDayOfMonth(year, month);
    if (!validDate(year, month, day)) return { kind: 'unparsed', text };
    return { kind: 'date', due: iso(year, month, day), ongoingAfter: ongoing };
  }
  if (/十四五/.test(compact)) return { kind: 'date', due: '2025-12-31', ongoingAfter: ongoing };
  if (ongoing) return { kind: 'ongoing' };
  return { kind: 'unparsed', text };
}
