import { HttpProblem } from '../../server/problem.ts';
import type { FieldProblem } from '../registry/site.ts';

/** The problems an answer lists: a file wrong throughout would otherwise answer with megabytes. */
export const LISTED_PROBLEMS = 500;

/** An import refused whole: every problem counted, the first ones located, nothing written. */
export class ImportRefused extends HttpProblem {
  /**
   * `total` counts the problems when the caller kept only the first of them (a file read as a
   * stream need not hold them all).
   */
  constructor(what: string, found: readonly FieldProblem[], total = found.length) {
    const listed = total > LISTED_PROBLEMS ? `（列出前 ${LISTED_PROBLEMS} 处）` : '';
    super(400, `导入未执行：${what}有误`, `共 ${total} 处问题${listed}，未导入任何数据`, found.slice(0, LISTED_PROBLEMS));
  }
}
