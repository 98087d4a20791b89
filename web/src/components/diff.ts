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
  return formatValue(v);
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
