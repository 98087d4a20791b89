import type { TaskState } from './colour.ts';

/**
 * The supervision life of an item (FixMyStreet-style explicit state machine):
 * 未启动 → 推进中 → 申请销号 → 已销号, with 退回 back to the responsible unit and 反弹 after a
 * failed 回头看. Who may act is decided by the item's units, never by role alone.
 */
export const TASK_ACTIONS = ['report', 'apply', 'accept', 'return', 'recheck_pass', 'recheck_fail'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/** How the acting user stands to the item. */
export interface Standing {
  /** The user's organisation is a lead or responsible unit of the item. */
  responsible: boolean;
  /** The user's organisation is the item's acceptance unit. */
  acceptor: boolean;
}

interface Rule {
  from: readonly TaskState[];
  /** The new state; undefined keeps the current one. */
  to?: TaskState | ((from: TaskState) => TaskState);
  by: keyof Standing;
  needsReason?: boolean;
}

const RULES: Record<TaskAction, Rule> = {
  report: {
    from: ['not_started', 'in_progress', 'applied', 'accepted', 'returned', 'rebounded'],
    to: (from) => (from === 'not_started' || from === 'returned' ? 'in_progress' : from),
    by: 'responsible',
  },
  apply: { from: ['in_progress', 'returned', 'rebounded'], to: 'applied', by: 'responsible' },
  accept: { from: ['applied'], to: 'accepted', by: 'acceptor' },
  return: { from: ['applied'], to: 'returned', by: 'acceptor', needsReason: true },
  recheck_pass: { from: ['accepted'], to: 'accepted', by: 'acceptor' },
  recheck_fail: { from: ['accepted'], to: 'rebounded', by: 'acceptor', needsReason: true },
};

export type Refusal =
  | { code: 'not_allowed'; message: string }
  | { code: 'wrong_state'; message: string }
  | { code: 'reason_required'; message: string }
  | { code: 'ongoing'; message: string };

const STATE_NAMES: Record<TaskState, string> = {
  not_started: '未启动',
  in_progress: '推进中',
  applied: '申请销号',
  accepted: '已销号',
  returned: '退回',
  rebounded: '反弹',
};

export function stateName(state: TaskState): string {
  return STATE_NAMES[state];
}

/** The state after `action`, or why it is refused. */
export function nextState(
  state: TaskState,
  action: TaskAction,
  context: { standing: Standing; ongoing: boolean; reason?: string | null },
): { to: TaskState } | { refused: Refusal } {
  const rule = RULES[action];
  if (!context.standing[rule.by]) {
    return {
      refused: {
        code: 'not_allowed',
        message: rule.by === 'acceptor' ? '只有整改验收单位可以验收、退回或回头看' : '只有牵头或责任单位可以报送进度、申请销号',
      },
    };
  }
  if (action === 'apply' && context.ongoing) {
    return { refused: { code: 'ongoing', message: '长期坚持的事项只报送进度，不申请销号' } };
  }
  if (!rule.from.includes(state)) {
    return { refused: { code: 'wrong_state', message: `事项当前为「${STATE_NAMES[state]}」，不能执行此操作` } };
  }
  if (rule.needsReason && !context.reason?.trim()) {
    return { refused: { code: 'reason_required', message: '请填写理由' } };
  }
  const to = typeof rule.to === 'function' ? rule.to(state) : (rule.to ?? state);
  return { to };
}

export interface AcceptanceUnits {
  rule: 'supervisor' | 'lead' | 'coordinator';
  supervising: readonly { id: number; hostId: number | null }[];
  lead: readonly { id: number; hostId: number | null }[];
  coordinatorId: number | null;
}

/**
 * 整改验收单位: the first 督导单位; where that is a coordination body (议事协调机构), the department
 * it sits in (004 五(三)). Lists without supervisors are accepted by their lead unit, then by the
 * coordinator.
 */
export function acceptanceUnit(units: AcceptanceUnits): number | null {
  const first = (list: AcceptanceUnits['supervising']) => (list[0] ? (list[0].hostId ?? list[0].id) : null);
  if (units.rule === 'supervisor') return first(units.supervising) ?? first(units.lead) ?? units.coordinatorId;
  if (units.rule === 'lead') return first(units.lead) ?? units.coordinatorId;
  return units.coordinatorId;
}
