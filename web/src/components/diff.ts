// Before/after comparison of audit records.
import { formatDateTime, kindLabel, roleLabel } from '../format.ts';
import i18n from '../i18n/index.ts';

export interface DiffRow {
  field: string;
  before: unknown;
  after: unknown;
  change: 'added' | 'removed' | 'changed';
}

function asRecord(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** Fields not worth showing in a change list. */
const HIDDEN_FIELDS = new Set(['id', 'updatedAt', 'passwordHash']);

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

export function diffRecords(before: unknown, after: unknown): DiffRow[] {
  const b = asRecord(before);
  const a = asRecord(after);
  if (!b && !a) {
    if (JSON.stringify(before) === JSON.stringify(after)) return [];
    return [{ field: '', before, after, change: 'changed' }];
  }
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  const rows: DiffRow[] = [];
  for (const k of keys) {
    if (HIDDEN_FIELDS.has(k)) continue;
    const bv = b ? b[k] : undefined;
    const av = a ? a[k] : undefined;
    if (isBlank(bv) && isBlank(av)) continue;
    if (JSON.stringify(bv) === JSON.stringify(av)) continue;
    rows.push({
      field: k,
      before: bv,
      after: av,
      change: bv === undefined ? 'added' : av === undefined ? 'removed' : 'changed',
    });
  }
  return rows;
}

export interface ValueLookups {
  organisationName?: (id: number) => string | undefined;
}

const DATE_FIELDS = new Set(['createdAt', 'lastLoginAt', 'lockedUntil', 'at', 'expiresAt', 'updatedAt']);

/** A value as a person reads it: labels for roles and kinds, names for organisation ids, local times. */
export function formatFieldValue(field: string, v: unknown, lookups: ValueLookups = {}): string {
  if (v === undefined || v === null || v === '') return '—';
  if (field === 'role' && typeof v === 'string') return roleLabel(v);
  if (field === 'kind' && typeof v === 'string') return kindLabel(v);
  if (field === 'state' && typeof v === 'string') return i18n.t(`tasks.states.${v}`, { defaultValue: v });
  if (field === 'progress' && typeof v === 'number') return `${v}%`;
  if (field === 'active' && typeof v === 'boolean') return v ? i18n.t('common.active') : i18n.t('common.inactive');
  if ((field === 'organisationId' || field === 'parentId') && typeof v === 'number') {
    const name = lookups.organisationName?.(v);
    return name ? `${name} (#${v})` : `#${v}`;
  }
  if (DATE_FIELDS.has(field) && typeof v === 'string') return formatDateTime(v);
  if (field === 'sources' && Array.isArray(v)) return i18n.t('audit.sourcesCount', { count: v.length });
  const ofGrids = formatPeopleAndGrids(field, v, lookups);
  if (ofGrids !== null) return ofGrids;
  return formatValue(v);
}

type Fields = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** 包保责任人, grids, grid levels and members as the item and grid pages name them, not as JSON. */
function formatPeopleAndGrids(field: string, v: unknown, lookups: ValueLookups): string | null {
  const rows = Array.isArray(v) && v.every((x) => x && typeof x === 'object') ? (v as Fields[]) : null;
  const separator = i18n.t('tasks.separator');
  const join = (parts: string[]) => parts.filter(Boolean).join(' ');
  if (field === 'persons' && rows) {
    return rows.map((p) => join([text(p.name), text(p.post), typeof p.organisationId === 'number' ? (lookups.organisationName?.(p.organisationId) ?? '') : '', text(p.phone)])).join(separator) || '—';
  }
  if (field === 'grids' && rows) return rows.map((g) => i18n.t('grids.optionLabel', { name: text(g.name), code: text(g.code) })).join(separator) || '—';
  if (field === 'members' && rows) return rows.map((m) => join([text(m.displayName), i18n.t(`grids.roles.${text(m.role)}`)])).join(separator) || '—';
  if (field === 'parentGrid' && v && typeof v === 'object') return text((v as Fields).name);
  if (field === 'level' && typeof v === 'string') return i18n.t(`grids.levels.${v}`, { defaultValue: v });
  return null;
}

export function formatValue(v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'boolean') return v ? i18n.t('common.yes') : i18n.t('common.no');
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) {
    return v.length ? v.join(', ') : '—';
  }
  return JSON.stringify(v);
}

export function fieldLabel(field: string): string {
  if (!field) return i18n.t('audit.value');
  return i18n.t(`fields.${field}`, { defaultValue: field });
}
