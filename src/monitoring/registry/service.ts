import type { Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import { audited, type Actor } from '../../audit/store.ts';
import { problems } from '../../server/problem.ts';
import { ImportRefused } from '../data/refused.ts';
import { checkSite, KIND_LABELS, type FieldProblem, type SiteInput, type SiteKind } from './site.ts';
import { findSite, insertSite, recordOf, sitesByCode, updateSiteRow, type Site, type SiteRecord } from './store.ts';

/** The city and its districts, by every name a file may use for them (key, name, full name, alias). */
async function districtNames(db: Db): Promise<{ byName: Map<string, number>; ids: Set<number> }> {
  const rows = await db.selectFrom('organisation').select(['id', 'key', 'name', 'full_name', 'aliases']).where('kind', 'in', ['city', 'district']).execute();
  const byName = new Map<string, number>();
  for (const r of rows) for (const name of [r.key, r.name, r.full_name, ...r.aliases]) if (name) byName.set(name, r.id);
  return { byName, ids: new Set(rows.map((r) => r.id)) };
}

async function documentIds(db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('source_document').select('id').execute()).map((d) => d.id));
}

interface Resolver {
  resolve(kind: SiteKind, site: SiteInput): { record: SiteRecord } | { problems: FieldProblem[] };
}

async function resolver(db: Db): Promise<Resolver> {
  const [districts, documents] = await Promise.all([districtNames(db), documentIds(db)]);
  return {
    resolve(kind, site) {
      const found = checkSite(kind, site);
      const districtId = typeof site.district === 'number' ? (districts.ids.has(site.district) ? site.district : undefined) : districts.byName.get(site.district.trim());
      if (districtId === undefined) found.push({ field: 'district', message: `「${site.district}」不是本市或所辖县区` });
      if (site.source && site.source.doc && !documents.has(site.source.doc)) found.push({ field: 'source', message: `文件 ${site.source.doc} 未登记` });
      if (found.length > 0) return { problems: found };
      return {
        record: {
          code: site.code,
          name: site.name,
          level: site.level,
          districtId: districtId!,
          lon: site.lon,
          lat: site.lat,
          coordinatesApproximate: site.coordinatesApproximate ?? true,
          status: site.status ?? 'active',
          river: site.river ?? null,
          targetClass: site.targetClass ?? null,
          waterBody: site.waterBody ?? null,
          thousandTon: site.thousandTon ?? false,
          automatic: site.automatic ?? false,
          source: site.source ?? null,
          note: site.note ?? null,
        },
      };
    },
  };
}

const refusedFields = (found: FieldProblem[]) => problems.badRequest(found.map((p) => p.message).join('；'), found);

export async function createSite(db: Db, actor: Actor, kind: SiteKind, input: SiteInput): Promise<Site> {
  const resolved = (await resolver(db)).resolve(kind, input);
  if ('problems' in resolved) throw refusedFields(resolved.problems);
  if ((await sitesByCode(db, [input.code])).has(input.code)) throw problems.conflict(`编码 ${input.code} 已被使用`, 'code');
  return audited(db, actor, async (trx, audit) => {
    const id = await insertSite(trx, kind, resolved.record);
    await audit({ action: 'create', entity: 'monitoring_site', entityId: id, after: { kind, ...resolved.record } });
    return (await findSite(trx, kind, id))!;
  });
}

export async function updateSite(db: Db, actor: Actor, kind: SiteKind, id: number, change: Partial<SiteInput>): Promise<Site> {
  const current = await findSite(db, kind, id);
  if (!current) throw problems.notFound(KIND_LABELS[kind]);
  const before = recordOf(current);
  const merged: SiteInput = { ...before, district: before.districtId, ...change };
  const resolved = (await resolver(db)).resolve(kind, merged);
  if ('problems' in resolved) throw refusedFields(resolved.problems);
  if (merged.code !== current.code && (await sitesByCode(db, [merged.code])).has(merged.code)) throw problems.conflict(`编码 ${merged.code} 已被使用`, 'code');
  return audited(db, actor, async (trx, audit) => {
    await updateSiteRow(trx, kind, id, resolved.record);
    await audit({ action: 'update', entity: 'monitoring_site', entityId: id, before, after: resolved.record });
    return (await findSite(trx, kind, id))!;
  });
}

/**
 * A known site as a row would write it: what the row leaves out (undefined) stays as it is, so a
 * table without the 来源 columns does not erase where a seeded site came from.
 */
function keepUnwritten(site: Site, row: SiteInput): SiteInput {
  const written = Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined)) as Partial<SiteInput>;
  const sameSource = row.source && site.source && row.source.doc === site.source.doc && row.source.clause === site.source.clause;
  const source = row.source === undefined ? site.source : row.source && row.source.text === undefined ? { ...row.source, text: sameSource ? site.source!.text : null } : row.source;
  return { ...recordOf(site), district: site.districtId, ...written, source };
}

/** A row of an import, where it stands in the file, and what could not be read from it. */
export interface SiteRow {
  where: string;
  site: SiteInput | null;
  problems: FieldProblem[];
}



/**
 * Writes a whole table of sites in one transaction, new codes inserted and known ones updated, with
 * one audit entry; any problem in any row refuses all of it.
 */
export async function importSites(
  db: Db,
  actor: Actor,
  kind: SiteKind,
  rows: readonly SiteRow[],
  options: { labels?: Record<string, string>; alsoInTransaction?: (trx: Transaction<Database>) => Promise<void> } = {},
): Promise<{ created: number; updated: number }> {
  const label = (field: string) => options.labels?.[field] ?? field;
  const { resolve } = await resolver(db);
  const existing = await sitesByCode(db, rows.flatMap((r) => (r.site ? [r.site.code] : [])));
  const found: FieldProblem[] = [];
  const records: SiteRecord[] = [];
  const seen = new Map<string, string>();
  const current = new Map<string, Site>();
  for (const { id, kind: known } of existing.values()) {
    const site = known === kind ? await findSite(db, kind, id) : null;
    if (site) current.set(site.code, site);
  }
  for (const row of rows) {
    const located = (problem: FieldProblem) => ({ field: `${row.where} ${label(problem.field)}`, message: problem.message });
    found.push(...row.problems.map(located));
    if (!row.site) continue;
    const known = current.get(row.site.code);
    const resolved = resolve(kind, known ? keepUnwritten(known, row.site) : row.site);
    if ('problems' in resolved) {
      found.push(...resolved.problems.map(located));
      continue;
    }
    const code = resolved.record.code;
    const other = existing.get(code);
    if (other && other.kind !== kind) found.push(located({ field: 'code', message: `编码 ${code} 已用于${KIND_LABELS[other.kind]}` }));
    const earlier = seen.get(code);
    if (earlier) found.push(located({ field: 'code', message: `编码 ${code} 与${earlier}重复` }));
    seen.set(code, row.where);
    records.push(resolved.record);
  }
  if (found.length > 0) throw new ImportRefused('点位表', found);
  return audited(db, actor, async (trx, audit) => {
    let created = 0;
    for (const record of records) {
      const known = existing.get(record.code);
      if (known) await updateSiteRow(trx, kind, known.id, record);
      else {
        await insertSite(trx, kind, record);
        created += 1;
      }
    }
    await options.alsoInTransaction?.(trx);
    const result = { created, updated: records.length - created };
    await audit({ action: 'import', entity: 'monitoring_site', entityId: null, after: { kind, ...result, codes: records.map((r) => r.code) } });
    return result;
  });
}
