// Shared pieces of the grid (网格) pages: level labels, and selects that search grids and accounts
// on the server as the user types.
import { Select, Tag } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridLevel } from '../../../src/grids/rules.ts';
import type { GridDto } from '../../../src/grids/schemas.ts';
import { api } from '../api.ts';
import i18n from '../i18n/index.ts';
import { useAsync, useDebounced } from '../hooks.ts';
import type { OrgSelectNode } from '../orgTree.ts';
import type { OrgTreeNode, Page, User } from '../types.ts';

export type Grid = GridDto;

const LEVEL_COLORS: Record<GridLevel, string> = { city: 'geekblue', county: 'cyan', township: 'green', village: 'gold' };

export function GridLevelTag({ level }: { level: GridLevel }) {
  const { t } = useTranslation();
  return <Tag color={LEVEL_COLORS[level]}>{t(`grids.levels.${level}`)}</Tag>;
}

/** The node of `id` and everything under it, as a TreeSelect tree (the whole tree when id is null). */
export function subtreeOf(tree: OrgSelectNode[], id: number | null): OrgSelectNode[] {
  if (id === null) return tree;
  for (const node of tree) {
    if (node.value === id) return [node];
    const found = subtreeOf(node.children ?? [], id);
    if (found.length > 0) return found;
  }
  return [];
}

/** Ids of an organisation and of everything under it. */
export function subtreeIds(tree: OrgTreeNode[], id: number | null): Set<number> {
  const ids = new Set<number>();
  const collect = (node: OrgTreeNode) => {
    ids.add(node.id);
    for (const child of node.children ?? []) collect(child);
  };
  const find = (nodes: OrgTreeNode[]): boolean =>
    nodes.some((node) => {
      if (node.id === id) {
        collect(node);
        return true;
      }
      return find(node.children ?? []);
    });
  find(tree);
  return ids;
}

export function gridLabel(grid: Pick<Grid, 'code' | 'name'>): string {
  return i18n.t('grids.optionLabel', { name: grid.name, code: grid.code });
}

interface SearchSelectProps<T> {
  value?: number | number[] | null;
  onChange?: (value: number | number[] | null) => void;
  multiple?: boolean;
  placeholder?: string;
  /** Labels of values already chosen, which a search may not bring back. */
  known?: { value: number; label: string }[];
  search: (q: string) => Promise<T[]>;
  option: (row: T) => { value: number; label: string; disabled?: boolean };
  deps?: readonly unknown[];
  testId?: string;
}

/** A select whose options come from a server search as the user types. */
function SearchSelect<T>({ value, onChange, multiple, placeholder, known = [], search, option, deps = [], testId }: SearchSelectProps<T>) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const debounced = useDebounced(q.trim(), 300);
  const found = useAsync(() => search(debounced), [debounced, ...deps]);
  const labels = useRef(new Map<number, string>());
  for (const k of known) labels.current.set(k.value, k.label);
  const options = useMemo(() => {
    const fromSearch = (found.data ?? []).map(option);
    for (const o of fromSearch) labels.current.set(o.value, o.label);
    const chosen = (Array.isArray(value) ? value : value ? [value] : []).filter((v) => !fromSearch.some((o) => o.value === v));
    return [...chosen.map((v) => ({ value: v, label: labels.current.get(v) ?? `#${v}` })), ...fromSearch];
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [found.data, value]);
  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value ?? (multiple ? [] : undefined)}
      onChange={(v: number | number[] | undefined) => onChange?.(v ?? (multiple ? [] : null))}
      onBlur={() => setQ('')}
      options={options}
      loading={found.loading}
      placeholder={placeholder}
      notFoundContent={found.loading ? t('common.loading') : t('common.noData')}
      data-testid={testId}
    />
  );
}

export function GridSelect(
  props: Omit<SearchSelectProps<Grid>, 'search' | 'option' | 'deps'> & {
    organisationId?: number | null;
    excludeId?: number;
    /** Only grids these levels may sit under / be linked to. */
    allow?: (grid: Grid) => boolean;
  },
) {
  const { organisationId, excludeId, allow, ...rest } = props;
  return (
    <SearchSelect<Grid>
      {...rest}
      deps={[organisationId, excludeId]}
      search={async (q) =>
        (await api.get<Page<Grid>>('/api/grids', { q, active: true, organisationId: organisationId ?? undefined, pageSize: 50 })).items.filter(
          (g) => g.id !== excludeId,
        )
      }
      option={(g) => ({ value: g.id, label: gridLabel(g), disabled: allow ? !allow(g) : false })}
    />
  );
}

export function UserSelect(props: Omit<SearchSelectProps<User>, 'search' | 'option' | 'deps'>) {
  return (
    <SearchSelect<User>
      {...props}
      search={async (q) => (await api.get<Page<User>>('/api/users', { q, active: true, pageSize: 50 })).items}
      option={(u) => ({ value: u.id, label: i18n.t('grids.userLabel', { name: u.displayName, username: u.username }) })}
    />
  );
}
