/**
 * An error the client should see as application/problem+json (RFC 9457). `title` is Chinese, for the
 * user; `detail` adds the specifics; `errors` names fields.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: { field: string; message: string }[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
  }
}

export const problems = {
  badRequest: (detail: string, errors?: { field: string; message: string }[]) =>
    new HttpProblem(400, '请求参数无效', detail, errors),
  unauthenticated: (detail = '请先登录 / login required') => new HttpProblem(401, '未登录或登录已过期', detail),
  forbidden: (detail = '当前账号无权执行此操作 / not permitted') => new HttpProblem(403, '无权访问', detail),
  notFound: (what = '记录') => new HttpProblem(404, '未找到', `${what}不存在或无权查看`),
  conflict: (detail: string, field?: string) =>
    new HttpProblem(409, '与现有数据冲突', detail, field ? [{ field, message: detail }] : undefined),
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { field: string; message: string }[];
}

const KEYWORD_MESSAGES: Record<string, (params: Record<string, unknown>) => string> = {
  required: () => '必填',
  minLength: (p) => `至少 ${p.limit} 个字符`,
  maxLength: (p) => `最多 ${p.limit} 个字符`,
  pattern: () => '格式不正确',
  format: (p) => `格式不正确（应为 ${p.format}）`,
  type: (p) => `类型不正确（应为 ${p.type}）`,
  enum: () => '取值不在允许范围内',
  const: () => '取值不在允许范围内',
  anyOf: () => '取值不在允许范围内',
  minimum: (p) => `不能小于 ${p.limit}`,
  maximum: (p) => `不能大于 ${p.limit}`,
  minItems: (p) => `至少 ${p.limit} 项`,
  maxItems: (p) => `最多 ${p.limit} 项`,
  additionalProperties: (p) => `不允许的字段 ${p.additionalProperty}`,
};

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Turns Ajv's findings into field names a form can show its message under. */
export function validationErrors(issues: ValidationIssue[], context: string | undefined): { field: string; message: string }[] {
  return issues.map((issue) => {
    const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const missing = typeof issue.params.missingProperty === 'string' ? issue.params.missingProperty : '';
    const field = [path, missing].filter(Boolean).join('.') || context || '';
    const describe = KEYWORD_MESSAGES[issue.keyword];
    return { field, message: describe ? describe(issue.params) : (issue.message ?? '无效') };
  });
}
