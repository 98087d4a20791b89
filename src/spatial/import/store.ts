/**
 * Stores a file read by read.ts as the next version of a layer, in one transaction: the layer row
 * locked so that two imports cannot take the same version number; features transformed to
 * EPSG:4490 in batches; invalid geometries repaired by ST_MakeValid within the layer's dimension;
 * features that cannot be stored refused — and unless the caller skips them, one refusal refuses
 * the whole import, so that a layer is never half-imported. The previous versions stay.
 */
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database, MapLayerZone } from '../../db/schema.ts';
import { appendAudit, type Actor } from '../../audit/store.ts';
import { featureFields } from './fields.ts';
import { geometryProblem, type GeometryKind } from './geojson.ts';
import type { SpatialFile, SridSource } from './read.ts';
import type { EncodingSource } from './dbf.ts';

/** Features per INSERT statement. */
export const IMPORT_BATCH = 500;
/** Repaired and refused features listed one by one in a report; beyond this only counted. */
export const REPORT_LISTED = 1000;

export interface FeatureNote {
  /** Position in the file, 0-based (shown 1-based to people). */
  index: number;
  name: string | null;
  reason: string;
}

export interface ImportReport {
  layer: string;
  sourceName: string;
  format: SpatialFile['format'];
  srid: number;
  sridSource: SridSource;
  encoding: string | null;
  encodingSource: EncodingSource | null;
  counts: { read: number; imported: number; repaired: number; refused: number };
  repaired: FeatureNote[];
  refused: FeatureNote[];
  /** True when the refused features were left out and the rest imported. */
  skippedRefused: boolean;
  notes: string[];
  warnings: string[];
}

export type ImportOutcome =
  | { ok: true; versionId: number; version: number; featureCount: number; report: ImportReport }
  | { ok: false; reason: 'layer_not_found' }
  | { ok: false; reason: 'refused'; message: string; report: ImportReport };

/** CollectionExtract's type number for each layer dimension. */
const EXTRACT_TYPE: Record<GeometryKind, number> = { point: 1, line: 2, polygon: 3 };

class Refused extends Error {
  constructor(readonly outcome: ImportOutcome & { ok: false }) {
    super('import refused');
  }
}

interface LockedLayer {
  code: string;
  geometry_type: GeometryKind;
  zones: MapLayerZone[];
  name_fields: string[];
  zone_fields: string[];
}

async function lockLayer(trx: Transaction<Database>, code: string): Promise<LockedLayer | null> {
  const { rows } = await sql<LockedLayer>`
    SELECT code, geometry_type, zones, name_fields, zone_fields FROM map_layer WHERE code = ${code} FOR UPDATE`.execute(trx);
  return rows[0] ?? null;
}

interface Candidate {
  index: number;
  name: string | null;
  zone: string | null;
  properties: string;
  geometry: string;
}

interface Checked {
  i: number;
  valid: boolean;
  reason: string | null;
  stored: boolean;
}

/** Transforms, checks, repairs and inserts one batch; says for each feature what happened. */
async function insertBatch(trx: Transaction<Database>, versionId: number, srid: number, kind: GeometryKind, batch: Candidate[]): Promise<Checked[]> {
  const { rows } = await sql<Checked>`
    WITH input AS (
      SELECT u.i, u.name, u.zone, u.props::jsonb AS props,
             ST_Force2D(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(u.g), ${srid}::int), 4490)) AS geom
      FROM unnest(${batch.map((c) => c.index)}::int[], ${batch.map((c) => c.name)}::text[], ${batch.map((c) => c.zone)}::text[],
                  ${batch.map((c) => c.properties)}::text[], ${batch.map((c) => c.geometry)}::text[]) AS u (i, name, zone, props, g)
    ), checked AS (
      SELECT input.*, ST_IsValid(geom) AS valid FROM input
    ), repaired AS (
      SELECT checked.*,
             CASE WHEN valid THEN NULL ELSE ST_IsValidReason(geom) END AS reason,
             CASE WHEN valid THEN geom ELSE ST_CollectionExtract(ST_MakeValid(geom), ${EXTRACT_TYPE[kind]}::int) END AS good
      FROM checked
    ), judged AS (
      SELECT repaired.*, (good IS NOT NULL AND NOT ST_IsEmpty(good) AND ST_IsValid(good)) AS stored
      FROM repaired
    ), inserted AS (
      INSERT INTO map_feature (layer_version_id, source_index, name, zone, properties, geom, repaired)
      SELECT ${versionId}::int, i, name, zone, props, good, NOT valid FROM judged WHERE stored
      RETURNING id
    )
    -- A data-modifying WITH runs to completion whether or not the query reads it.
    SELECT i, valid, reason, stored FROM judged ORDER BY i`.execute(trx);
  return rows;
}

const listed = (notes: FeatureNote[]) => notes.slice(0, REPORT_LISTED);

function countWarnings(unknownZones: Map<string, number[]>): string[] {
  return [...unknownZones].map(([value, indexes]) => {
    const where = indexes.slice(0, 10).map((i) => i + 1).join('、') + (indexes.length > 10 ? ` 等 ${indexes.length} 个` : '');
    return `分区值「${value}」不是本图层的分区（第 ${where} 个要素），分区留空 / unknown zone value`;
  });
}

export async function importLayerVersion(
  db: Db,
  actor: Actor,
  layerCode: string,
  read: SpatialFile,
  options: { note?: string | null; sourceName: string; skipRefused?: boolean },
): Promise<ImportOutcome> {
  try {
    return await db.transaction().execute(async (trx) => {
      const layer = await lockLayer(trx, layerCode);
      if (!layer) throw new Refused({ ok: false, reason: 'layer_not_found' });
      const kind = layer.geometry_type;

      const refused: FeatureNote[] = [];
      const repaired: FeatureNote[] = [];
      const unknownZones = new Map<string, number[]>();
      const candidates: Candidate[] = [];
      const names = new Map<number, string | null>();
      for (const feature of read.features) {
        const fields = featureFields(feature.properties, { nameFields: layer.name_fields, zoneFields: layer.zone_fields, zones: layer.zones });
        names.set(feature.index, fields.name);
        if (fields.unknownZone !== null) unknownZones.set(fields.unknownZone, [...(unknownZones.get(fields.unknownZone) ?? []), feature.index]);
        const problem = geometryProblem(feature.geometry, kind);
        if (problem) {
          refused.push({ index: feature.index, name: fields.name, reason: problem });
          continue;
        }
        candidates.push({
          index: feature.index,
          name: fields.name,
          zone: fields.zone,
          properties: JSON.stringify(feature.properties),
          geometry: JSON.stringify(feature.geometry),
        });
      }

      const reportOf = (found: { imported: number; refused: FeatureNote[]; repaired: FeatureNote[]; unknownZones: Map<string, number[]> }): ImportReport => ({
        layer: layer.code,
        sourceName: options.sourceName,
        format: read.format,
        srid: read.srid,
        sridSource: read.sridSource,
        encoding: read.encoding,
        encodingSource: read.encodingSource,
        counts: { read: read.features.length, imported: found.imported, repaired: found.repaired.length, refused: found.refused.length },
        repaired: listed(found.repaired),
        refused: listed(found.refused),
        skippedRefused: options.skipRefused === true && found.refused.length > 0,
        notes: read.notes,
        warnings: [...read.warnings, ...countWarnings(found.unknownZones)],
      });

      const { rows: next } = await sql<{ version: number }>`
        SELECT coalesce(max(version), 0) + 1 AS version FROM map_layer_version WHERE layer_code = ${layer.code}`.execute(trx);
      const version = Number(next[0]!.version);
      const created = await trx
        .insertInto('map_layer_version')
        .values({
          layer_code: layer.code,
          version,
          source_name: options.sourceName,
          source_format: read.format,
          source_srid: read.srid,
          encoding: read.encoding,
          feature_count: 0,
          note: options.note ?? null,
          imported_by: actor.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();

      let imported = 0;
      for (let start = 0; start < candidates.length; start += IMPORT_BATCH) {
        const batch = candidates.slice(start, start + IMPORT_BATCH);
        let checked: Checked[];
        try {
          checked = await insertBatch(trx, created.id, read.srid, kind, batch);
        } catch (error) {
          // PostGIS gave up on a geometry the checks before let through; the transaction is lost, so the report ends here.
          const range = `第 ${batch[0]!.index + 1}–${batch[batch.length - 1]!.index + 1} 个要素`;
          throw new Refused({
            ok: false,
            reason: 'refused',
            message: `${range}中有 PostGIS 无法处理的几何（${(error as Error).message}），整个文件未导入 / PostGIS could not process a geometry`,
            report: reportOf({ imported: 0, refused, repaired, unknownZones }),
          });
        }
        for (const row of checked) {
          const name = names.get(row.i) ?? null;
          if (row.stored) {
            imported += 1;
            if (!row.valid) repaired.push({ index: row.i, name, reason: `${row.reason ?? '无效几何'}；已修复 / repaired` });
          } else if (row.valid) {
            refused.push({ index: row.i, name, reason: '转换到 CGCS2000 后几何为空或无效 / empty or invalid after transform' });
          } else {
            refused.push({ index: row.i, name, reason: `${row.reason ?? '无效几何'}；无法修复为${kind === 'polygon' ? '面' : kind === 'line' ? '线' : '点'} / unrepairable` });
          }
        }
      }
      refused.sort((a, b) => a.index - b.index);
      repaired.sort((a, b) => a.index - b.index);

      const skip = options.skipRefused === true;
      const report = reportOf({ imported: refused.length > 0 && !skip ? 0 : imported, refused, repaired, unknownZones });
      if (refused.length > 0 && !skip) {
        throw new Refused({
          ok: false,
          reason: 'refused',
          message: `${refused.length} 个要素无法导入，整个文件未导入；可修正后重新导入，或选择跳过这些要素 / ${refused.length} features refused: nothing imported`,
          report,
        });
      }
      if (imported === 0) {
        throw new Refused({ ok: false, reason: 'refused', message: '文件中没有可导入的要素 / no feature to import', report });
      }

      await trx.updateTable('map_layer_version').set({ feature_count: imported, report: JSON.stringify(report) }).where('id', '=', created.id).execute();
      await appendAudit(trx, actor, {
        action: 'import',
        entity: 'map_layer_version',
        entityId: created.id,
        after: {
          layer: layer.code,
          version,
          sourceName: options.sourceName,
          format: read.format,
          srid: read.srid,
          encoding: read.encoding,
          featureCount: imported,
          repaired: repaired.length,
          refused: refused.length,
          note: options.note ?? null,
        },
      });
      return { ok: true as const, versionId: created.id, version, featureCount: imported, report };
    });
  } catch (error) {
    if (error instanceof Refused) return error.outcome;
    throw error;
  }
}
