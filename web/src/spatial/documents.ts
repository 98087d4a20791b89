// The city documents (000–004) that layers and rules cite, by their number.
import { api } from '../api.ts';
import { useAsync } from '../hooks.ts';
import type { SourceDocument } from './adminTypes.ts';

export function useSourceDocuments() {
  const documents = useAsync(() => api.get<SourceDocument[]>('/api/documents'), []);
  const titles = new Map((documents.data ?? []).map((d) => [d.id, d.title]));
  return { documents: documents.data ?? [], loading: documents.loading, titleOf: (id: string | null) => (id ? (titles.get(id) ?? null) : null) };
}
