// Before/after comparison of audit records.
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
    const bv = b ? b[k] : undefined;
    const av = a ? a[k] : undefined;
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
