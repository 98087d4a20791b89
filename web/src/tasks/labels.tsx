// How task supervision (任务督办) values read on screen: states, 红黄绿 with their reasons in
// words, units by role, references and deadlines. Colour is never the only signal: every dot
// comes with its label.
import { Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Colour, ColourReason, Deadline, TaskItem } from './types.ts';
import { UNIT_ROLE_ORDER } from './types.ts';

export const STATE_COLORS: Record<string, string> = {
  not_started: 'default',
  in_progress: 'processing',
  applied: 'gold',
  accepted: 'success',
  returned: 'volcano',
  rebounded: 'error',
};

export const ROLE_TAG_COLORS: Record<string, string> = {
  lead: 'geekblue',
  responsible: 'green',
  supervising: 'purple',
};

export function stateLabel(t: TFunction, state: string): string {
  return t(`tasks.states.${state}`, { defaultValue: state });
}

export function colourLabel(t: TFunction, colour: string): string {
  return t(`tasks.colours.${colour}`, { defaultValue: colour });
}

/** A reason for the item's colour, in words, with its numbers. */
export function reasonText(t: TFunction, reason: ColourReason | { code: string; [key: string]: unknown }): string {
  const { code, ...params } = reason as { code: string } & Record<string, unknown>;
  return t(`tasks.reasons.${code}`, { ...params, defaultValue: code });
}

export function StateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state] ?? 'default'} className="qs-state-tag" data-testid="task-state">
      {stateLabel(t, state)}
    </Tag>
  );
}

export function ColourDot({ colour }: { colour: string }) {
  return <span className={`qs-dot qs-dot-${colour}`} aria-hidden="true" />;
}

/**
 * The colour as a dot and a label; with `reasons`, the first one in words under it (or all of
 * them in a tooltip when `compact`).
 */
export function ColourLabel({
  colour,
  reasons,
  compact = false,
}: {
  colour: Colour | string;
  reasons?: readonly (ColourReason | { code: string })[];
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const words = (reasons ?? []).map((r) => reasonText(t, r));
  const label = (
    <span className={`qs-colour qs-colour-${colour}`} data-testid="task-colour">
      <ColourDot colour={colour} />
      <span className="qs-colour-text">{colourLabel(t, colour)}</span>
    </span>
  );
  if (words.length === 0) return label;
  const all = (
    <ul className="qs-reason-tip">
      {words.map((w) => (
        <li key={w}>{w}</li>
      ))}
    </ul>
  );
  if (compact) return <Tooltip title={all}>{label}</Tooltip>;
  return (
    <Tooltip title={words.length > 1 ? all : undefined}>
      <div className="qs-colour-cell">
        {label}
        <div className="qs-colour-reason" data-testid="task-reason">
          {words[0]}
          {words.length > 1 && <span className="qs-colour-more">{t('tasks.moreReasons', { count: words.length - 1 })}</span>}
        </div>
      </div>
    </Tooltip>
  );
}

/** 三 for an item, 三 › 1 for one of its measures. */
export function refText(item: Pick<TaskItem, 'ref' | 'parentRef'>): string {
  return item.parentRef ? `${item.parentRef} › ${item.ref}` : item.ref;
}

export function RefCell({ item }: { item: Pick<TaskItem, 'ref' | 'parentRef' | 'listKey'> }) {
  const { t } = useTranslation();
  return (
    <span className="qs-ref" data-testid="task-ref">
      <Tooltip title={t('tasks.listTag', { key: item.listKey })}>
        <Tag variant="filled" className="qs-ref-list">
          {item.listKey}
        </Tag>
      </Tooltip>
      <span className={item.parentRef ? 'qs-ref-text qs-ref-measure' : 'qs-ref-text'}>{refText(item)}</span>
    </span>
  );
}

/** The deadline as written, and the date the platform judges it by. */
export function deadlineParsed(t: TFunction, deadline: Deadline | unknown): string | null {
  const d = deadline as Deadline;
  switch (d?.kind) {
    case 'date':
      return d.ongoingAfter ? t('tasks.deadline.dateThenOngoing', { due: d.due }) : t('tasks.deadline.date', { due: d.due });
    case 'ongoing':
      return t('tasks.deadline.ongoing');
    case 'yearly':
      return t('tasks.deadline.yearly', { month: d.month, day: d.day });
    case 'unparsed':
      return t('tasks.deadline.unparsed');
    case 'none':
      return t('tasks.deadline.none');
    default:
      return null;
  }
}

/** A measure without a deadline of its own is judged by its item's. */
export function DeadlineCell({ item }: { item: Pick<TaskItem, 'deadlineText' | 'deadline' | 'parentId'> }) {
  const { t } = useTranslation();
  const parsed = deadlineParsed(t, item.deadline);
  const asWritten = item.deadlineText ?? (item.parentId !== null ? t('tasks.deadline.inherited') : null);
  return (
    <div className="qs-deadline" data-testid="task-deadline">
      {asWritten && <div className={item.deadlineText ? undefined : 'qs-deadline-inherited'}>{asWritten}</div>}
      {parsed && <div className="qs-deadline-parsed">{parsed}</div>}
    </div>
  );
}

/** Units grouped by role (牵头 / 责任 / 督导), the first few as tags. */
export function UnitTags({ units, max = 3 }: { units: TaskItem['units']; max?: number }) {
  const { t } = useTranslation();
  return (
    <div className="qs-units">
      {UNIT_ROLE_ORDER.map((role) => {
        const list = units.filter((u) => u.role === role);
        if (list.length === 0) return null;
        const shown = list.slice(0, max);
        const rest = list.slice(max);
        return (
          <div key={role} className="qs-units-row">
            <span className="qs-units-role">{t(`tasks.roles.${role}`)}</span>
            {shown.map((u) => (
              <Tooltip key={`${role}-${u.organisationId}`} title={u.writtenAs !== u.name ? t('tasks.writtenAs', { text: u.writtenAs }) : undefined}>
                <Tag color={ROLE_TAG_COLORS[role]} className="qs-unit-tag">
                  {u.name}
                </Tag>
              </Tooltip>
            ))}
            {rest.length > 0 && (
              <Tooltip title={rest.map((u) => u.name).join(t('tasks.separator'))}>
                <Tag className="qs-unit-tag">{t('tasks.moreUnits', { count: rest.length })}</Tag>
              </Tooltip>
            )}
          </div>
        );
      })}
    </div>
  );
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
