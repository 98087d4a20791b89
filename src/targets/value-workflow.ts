/**
 * The life of an indicator value: entered (草稿) by a responsible unit, submitted (已报送), then
 * approved (已审核, locked) or returned (退回) with a reason by a reviewer — the coordinator or the
 * indicator's lead unit — who is never the person who entered it.
 */
export const VALUE_STATES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type ValueState = (typeof VALUE_STATES)[number];
export const VALUE_ACTIONS = ['submit', 'approve', 'return'] as const;
export type ValueAction = (typeof VALUE_ACTIONS)[number];

/** How the user stands to the value's indicator. */
export interface ValueStanding {
  /** May enter and submit values (a lead or responsible unit, or the coordinator). */
  enters: boolean;
  /** May approve and return (the coordinator, or a lead unit). */
  reviews: boolean;
  /** The user entered this value. */
  enteredIt: boolean;
}

export type Refusal = { status: 403 | 409; title: string };

const MOVES: Record<ValueAction, { from: readonly ValueState[]; to: ValueState }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  return: { from: ['submitted'], to: 'returned' },
};

/** The state an action leads to, or why it is refused. */
export function valueTransition(state: ValueState, action: ValueAction, standing: ValueStanding, reason: string | null): { to: ValueState } | Refusal {
  if (action === 'submit' && !standing.enters) return { status: 403, title: '只有责任单位可以报送指标数值' };
  if (action !== 'submit') {
    if (!standing.reviews) return { status: 403, title: '只有牵头单位或综合协调部门可以审核指标数值' };
    if (standing.enteredIt) return { status: 403, title: '不能审核本人填报的数值' };
  }
  const move = MOVES[action];
  if (!move.from.includes(state)) return { status: 409, title: `当前状态不能${ACTION_WORDS[action]}` };
  if (action === 'return' && !reason?.trim()) return { status: 409, title: '退回须写明原因' };
  return { to: move.to };
}

/**
 * Whether a value may be changed, and the state it is in afterwards. An approved value is locked:
 * changing it needs a reason, and unless a reviewer changes it, it goes back for review.
 */
export function valueEdit(state: ValueState, standing: ValueStanding, reason: string | null): { to: ValueState } | Refusal {
  if (state === 'submitted') return { status: 409, title: '已报送待审核的数值不能修改，请先退回' };
  if (state === 'approved') {
    if (!standing.enters && !standing.reviews) return { status: 403, title: '无权修改该指标数值' };
    if (!reason?.trim()) return { status: 409, title: '已审核的数值已锁定，修改须写明原因' };
    return { to: standing.reviews && !standing.enteredIt ? 'approved' : 'submitted' };
  }
  if (!standing.enters) return { status: 403, title: '只有责任单位可以修改指标数值' };
  return { to: state };
}

const ACTION_WORDS: Record<ValueAction, string> = { submit: '报送', approve: '审核通过', return: '退回' };
