import { HttpProblem } from '../../server/problem.ts';
import type { FieldProblem } from '../registry/site.ts';

/** The problems an answer lists: a file wrong throughout would otherwise answer with megabytes. */
const LISTED = 500;

/** An import refused whole: every problem counted, the first ones located, nothing written. */
export class ImportRefused extends HttpProblem {
  constructor(what: string, found: readonly FieldProblem[]) {
    const listed = found.length > LISTED ? `（列出前 ${LISTED} 处）` : '';
    super(400, `导入未执行：${what}有误`, `共 ${found.length} 处问题${listed}，未导入任何数据`, found.slice(0, LISTED));
  }
}
