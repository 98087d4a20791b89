import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { CALCULATORS, calculatorFault, type CalculatorName } from './registry.ts';

/** One output line for one input line: the result, or `{"error": …}` naming the field; the run goes on. */
export function answerLine(name: CalculatorName, line: string): { text: string; failed: boolean } {
  const refuse = (error: string) => ({ text: JSON.stringify({ error }), failed: true });
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return refuse('不是有效的 JSON / not valid JSON');
  }
  try {
    return { text: JSON.stringify(CALCULATORS[name](input)), failed: false };
  } catch (error) {
    const fault = calculatorFault(error);
    return refuse(fault ? `${fault.field}：${fault.messageZh} / ${fault.messageEn}` : `计算失败 / calculation failed: ${(error as Error).message}`);
  }
}

/** Reads JSON lines until the input ends; blank lines are skipped. Returns how many lines failed. */
export async function answerLines(name: CalculatorName, input: Readable, output: Writable): Promise<number> {
  let failed = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    const answer = answerLine(name, line);
    if (answer.failed) failed += 1;
    output.write(`${answer.text}\n`);
  }
  return failed;
}
