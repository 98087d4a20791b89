/**
 * A calculator input that cannot be computed; `field` is the path of the offending field
 * (`values.NH3-N`), and the message comes in both languages: the API shows the Chinese one
 * to users, the CLI prints both.
 */
export class CalculatorInputError extends Error {
  constructor(
    readonly field: string,
    readonly messageZh: string,
    readonly messageEn: string,
  ) {
    super(`${field}：${messageZh} / ${field}: ${messageEn}`);
    this.name = 'CalculatorInputError';
  }
}
