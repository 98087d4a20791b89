import type { Transaction } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { audited, type Actor } from '../audit/store.ts';
import { allOrganisations } from '../orgs/store.ts';
import { buildUnitNameResolver, type Collective } from '../orgs/unit-names.ts';
import { HttpProblem } from '../server/problem.ts';
import { findBoundItem } from './bindings.ts';
import type { IndicatorSeed, IndicatorTarget } from './model.ts';
import { checkIndicatorSeed, type SeedProblem } from './seed-check.ts';

/** An indicator file with problems is refused whole, every problem listed by its place in the file. */
export class IndicatorImportRefused extends HttpProblem {
  constructor(readonly importProblems: SeedProblem[]) {
    super(
      400,
      '导入未执行：指标清单有误',
      `共 ${importProblems.length} 处问题，未导入任何数据`,
      importProblems.map((p) => ({ field: p.path, message: p.message })),
    );
  }
}

export interface IndicatorFile {
  city?: string;
  indicators: IndicatorSeed[];
}

const UNIT_ROLES = ['lead', 'responsible', 'supervising'] as const;
type TargetUnitRole = (typeof UNIT_ROLES)[number];

interface ResolvedUnit {
  role: TargetUnitRole;
  key: string;
  writtenAs: string;
}

/** Same place, same year: the target is already there (a second import adds only what is new). */
const placementKey = (doc: string, clause: string, sub: number | null, year: number) => `${doc}|${clause}|${sub ?? ''}|${year}`;

/**
 * Imports indicators and their targets whole or not at all. An indicator whose key exists keeps its
 * values and gets the new wording and any target it did not have; baselines likewise.
 */
export async function importIndicators(
  db: Db,
  actor: Actor,
  input: unknown,
  options: { collectives: readonly Collective[]; alsoInTransaction?: (trx: Transaction<Database>) => Promise<void> },
): Promise<{ indicators: number; targets: number }> {
  const found = checkIndicatorSeed(input);
  if (found.length > 0) throw new IndicatorImportRefused(found);
  const file = input as IndicatorFile;

  const [organisations, documents] = await Promise.all([allOrganisations(db), db.selectFrom('source_document').select('id').execute()]);
  const resolve = buildUnitNameResolver(
    organisations.map((o) => ({ ...o, fullName: o.fullName ?? undefined })),
    options.collectives,
  );
  const known = new Set(documents.map((d) => d.id));
  const problems: SeedProblem[] = [];
  const unitsOf = (target: IndicatorTarget, path: string): ResolvedUnit[] => {
    const units: ResolvedUnit[] = [];
    for (const role of UNIT_ROLES) {
      (target[role] ?? []).forEach((name, index) => {
        const keys = resolve(name);
        if (!keys) problems.push({ path: `${path}.${role}[${index}]`, message: `单位「${name}」不在组织机构中（可在组织机构中添加或设为别名）` });
        for (const key of keys ?? []) if (!units.some((u) => u.role === role && u.key === key)) units.push({ role, key, writtenAs: name });
      });
    }
    return units;
  };
  const planned = file.indicators.map((indicator, i) => ({
    indicator,
    targets: indicator.targets.map((target, t) => {
      const path = `indicators[${i}].targets[${t}]`;
      if (!known.has(target.placement.doc)) problems.push({ path: `${path}.placement.doc`, message: `文件「${target.placement.doc}」不在文件库中` });
      return { target, units: unitsOf(target, path) };
    }),
  }));
  for (const [i, indicator] of file.indicators.entries()) {
    const binding = indicator.binding;
    if (binding?.module === 'tasks' && !(await findBoundItem(db, binding))) {
      problems.push({ path: `indicators[${i}].binding.item`, message: `任务清单「${binding.list}」中没有事项「${binding.item.join(' ')}」` });
    }
  }
  if (problems.length > 0) throw new IndicatorImportRefused(problems);

  const orgId = new Map(organisations.map((o) => [o.key, o.id]));
  let added = 0;
  await audited(db, actor, async (trx, audit) => {
    const existing = await trx.selectFrom('indicator').select(['id', 'key', 'position']).execute();
    const byKey = new Map(existing.map((e) => [e.key, e.id]));
    let position = existing.reduce((max, e) => Math.max(max, e.position), 0);
    let targetPosition = (await trx.selectFrom('indicator_target').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst())?.p ?? 0;
    for (const { indicator, targets } of planned) {
      const fields = {
        name: indicator.name,
        aliases: indicator.aliases,
        unit: indicator.unit,
        direction: indicator.direction,
        formula: indicator.formula ? JSON.stringify(indicator.formula) : null,
        binding: indicator.binding ? JSON.stringify(indicator.binding) : null,
        note: indicator.note ?? null,
        note_en: indicator.noteEn ?? null,
      };
      let id = byKey.get(indicator.key);
      if (id === undefined) {
        position += 1;
        id = (await trx.insertInto('indicator').values({ key: indicator.key, position, ...fields }).returning('id').executeTakeFirstOrThrow()).id;
        byKey.set(indicator.key, id);
        await audit({ action: 'create', entity: 'indicator', entityId: id, after: { key: indicator.key, ...fields } });
      } else {
        await trx.updateTable('indicator').set({ ...fields, updated_at: new Date() }).where('id', '=', id).execute();
      }
      const baselines = await trx.selectFrom('indicator_baseline').select(['year', 'doc', 'clause']).where('indicator_id', '=', id).execute();
      for (const b of indicator.baselines) {
        if (baselines.some((x) => x.year === b.year && x.doc === b.doc && x.clause === b.clause)) continue;
        await trx
          .insertInto('indicator_baseline')
          .values({ indicator_id: id, year: b.year, value: b.value, as_written: b.asWritten, doc: b.doc, clause: b.clause, note: b.note ?? null, note_en: b.noteEn ?? null })
          .execute();
      }
      const present = new Set(
        (await trx.selectFrom('indicator_target').select(['doc', 'clause', 'sub', 'year']).where('indicator_id', '=', id).execute()).map((x) =>
          placementKey(x.doc, x.clause, x.sub, x.year),
        ),
      );
      for (const { target, units } of targets) {
        const p = target.placement;
        if (present.has(placementKey(p.doc, p.clause, p.sub, target.year))) continue;
        targetPosition += 1;
        const row = await trx
          .insertInto('indicator_target')
          .values({
            indicator_id: id,
            doc: p.doc,
            clause: p.clause,
            group_name: p.group,
            domain: p.domain ?? null,
            row_number: p.row,
            sub: p.sub,
            name_as_written: p.nameAsWritten,
            target_as_written: p.targetAsWritten,
            year: target.year,
            deadline_text: target.deadlineText,
            target: JSON.stringify(target.target),
            attribute: target.attribute,
            units_as_written: JSON.stringify({
              lead: target.lead,
              responsible: target.responsible,
              supervising: target.supervising ?? [],
            }),
            row_name_as_written: p.rowNameAsWritten ?? null,
            note: target.note ?? null,
            note_en: target.noteEn ?? null,
            position: targetPosition,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (units.length > 0) {
          await trx
            .insertInto('indicator_target_unit')
            .values(units.map((u, position) => ({ target_id: row.id, role: u.role, organisation_id: orgId.get(u.key)!, position, written_as: u.writtenAs })))
            .execute();
        }
        added += 1;
      }
    }
    await options.alsoInTransaction?.(trx);
  });
  return { indicators: planned.length, targets: added };
}
