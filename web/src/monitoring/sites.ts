// The registry as the pages read it: every site of the three kinds, loaded whole (a city has tens to a
// few hundred), so the map and the table filter the same list without another round trip.
import { api } from '../api.ts';
import type { Page } from '../types.ts';
import { KIND_PATHS, SITE_KINDS, type Site, type SiteKind } from './types.ts';

/** The largest page the API serves. */
const PAGE_MAX = 200;

async function sitesOfKind(kind: SiteKind): Promise<Site[]> {
  const sites: Site[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await api.get<Page<Site>>(`/api/monitoring/${KIND_PATHS[kind]}`, { page, pageSize: PAGE_MAX });
    sites.push(...answer.items);
    if (answer.items.length === 0 || sites.length >= answer.total) return sites;
  }
}

export async function loadAllSites(): Promise<Site[]> {
  const lists = await Promise.all(SITE_KINDS.map(sitesOfKind));
  return lists.flat();
}

/**
 * One site by id. Ids are unique across kinds, but the API asks for the kind: the link carries it, and a
 * link without it (typed by hand) tries each kind in turn.
 */
export async function loadSite(id: number, kind: SiteKind | null): Promise<Site> {
  if (kind) return api.get<Site>(`/api/monitoring/${KIND_PATHS[kind]}/${id}`);
  let notFound: unknown = null;
  for (const k of SITE_KINDS) {
    try {
      return await api.get<Site>(`/api/monitoring/${KIND_PATHS[k]}/${id}`);
    } catch (e) {
      if ((e as { status?: number }).status !== 404) throw e;
      notFound = e;
    }
  }
  throw notFound;
}

export const sitePath = (site: Pick<Site, 'id' | 'kind'>): string => `/monitoring/sites/${site.id}?kind=${site.kind}`;

export const isSiteKind = (value: unknown): value is SiteKind => (SITE_KINDS as readonly unknown[]).includes(value);
