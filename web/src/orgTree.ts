// The organisation tree, shared by the user and organisation pages.
import { api } from './api.ts';
import { useAsync } from './hooks.ts';
import type { Organisation, OrgTreeNode } from './types.ts';

export interface OrgSelectNode {
  value: number;
  title: string;
  disabled?: boolean;
  children?: OrgSelectNode[];
}

export function useOrgTree() {
  return useAsync(() => api.get<OrgTreeNode[]>('/api/organisations/tree'), []);
}

export function toSelectTree(nodes: OrgTreeNode[], opts: { excludeId?: number; includeInactive?: boolean } = {}): OrgSelectNode[] {
  const out: OrgSelectNode[] = [];
  for (const n of nodes) {
    if (n.id === opts.excludeId) continue;
    if (!n.active && !opts.includeInactive) continue;
    const node: OrgSelectNode = { value: n.id, title: n.name };
    if (!n.active) node.disabled = true;
    const kids = n.children ? toSelectTree(n.children, opts) : [];
    if (kids.length) node.children = kids;
    out.push(node);
  }
  return out;
}

/** All nodes of the tree, depth first. */
export function flattenTree(nodes: OrgTreeNode[]): Organisation[] {
  const out: Organisation[] = [];
  const walk = (list: OrgTreeNode[]) => {
    for (const n of list) {
      out.push(n);
      if (n.children) walk(n.children);
    }
  };
  walk(nodes);
  return out;
}
