import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXE_RTN, QN_RTN } from './commands.ts';
import { decodePacket, encodePacket } from './packet.ts';
import { answerFor, executionResult, requestAnswer } from './replies.ts';
import { formatSegment, parseSegment, type DataSegment } from './segment.ts';

interface Case {
  name: string;
  received: string;
  reply: string | null;
}
const cases = JSON.parse(readFileSync(new URL('./replies.cases.json', import.meta.url), 'utf8')) as Case[];

function parsed(segment: string): DataSegment {
  const result = parseSegment(segment);
  if (!result.ok) throw new Error(`case does not parse: ${JSON.stringify(result.fault)}`);
  return result.value;
}

describe('answerFor (应答)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const answer = answerFor(parsed(c.received));
    expect(answer && formatSegment(answer)).toBe(c.reply);
    if (answer) {
      // Without a Flag nothing says "no answer": such a reply reads as wanting one, and is itself never answered.
      const decoded = decodePacket(encodePacket(answer));
      expect(decoded).toMatchObject({ ok: true, value: { ...answer, answerWanted: answer.flag === null } });
      expect(decoded.ok && answerFor(decoded.value)).toBeNull();
    }
  });
});

describe('9011 and 9012', () => {
  const request = parsed('QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&');

  it('answers a request with QnRtn, echoing its QN', () => {
    expect(formatSegment(requestAnswer(request, QN_RTN.ready))).toBe(
      'QN=20160801085857223;ST=91;CN=9011;PW=100000;MN=010000A8900016F000169DC0;Flag=4;CP=&&QnRtn=1&&',
    );
  });

  it('reports the execution with ExeRtn, 100 for no data', () => {
    expect(formatSegment(executionResult(request, EXE_RTN.noData))).toBe(
      'QN=20160801085857223;ST=91;CN=9012;PW=100000;MN=010000A8900016F000169DC0;Flag=4;CP=&&ExeRtn=100&&',
    );
  });

  it('round-trips through the parser', () => {
    for (const fields of [requestAnswer(request, QN_RTN.wrongPassword), executionResult(request, EXE_RTN.succeeded)]) {
      expect(decodePacket(encodePacket(fields))).toMatchObject({ ok: true, value: fields });
    }
  });
});
