import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeadline, type Deadline } from './deadline.ts';

const cases = JSON.parse(readFileSync(new URL('./deadline.cases.json', import.meta.url), 'utf8')) as [string | null, Deadline][];

describe('parseDeadline', () => {
  it.each(cases)('%j', (text, expected) => {
    expect(parseDeadline(text)).toEqual(expected);
  });
});
