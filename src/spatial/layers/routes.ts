/**
 * 图层 API: the layers of the one map with their current versions, a layer's versions, and the
 * import of a new version from an uploaded file (zipped Shapefile, GeoJSON, GeoPackage). A refused
 * import answers 422 with its report, feature by feature, and stores nothing.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../../db/connect.ts';
import { actorOf, requirePrincipal } from '../../auth/access.ts';
import { problems } from '../../server/problem.ts';
import { Nullable, OneOf } from '../../server/schemas.ts';
import { MAX_UPLOAD_BYTES, megabytes } from '../import/limits.ts';
import { importLayerVersion, type ImportReport } from '../import/store.ts';
import { layerExists, layerVersions, listLayers } from './store.ts';
import { layerUpload } from './upload.ts';

const tags = ['spatial'];

const FORMATS = ['shapefile', 'geojson', 'geopackage', 'demo', 'package'] as const;
const FORMAT_TEXT = 'shapefile、geojson、geopackage；demo 为平台生成的示例数据，package 为随软件包提供的数据';

const ZoneSchema = Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String() });

const LayerSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  geometryType: OneOf(['polygon', 'line', 'point'] as const),
  zones: Type.Array(ZoneSchema, { description: '要素可属的分区' }),
  sensitive: Type.Boolean({ description: '筛查时报告到最近要素的距离' }),
  vectorTiles: Type.Boolean({ description: '以矢量瓦片提供给地图' }),
  screened: Type.Boolean({ description: '参与项目准入筛查' }),
  style: Type.Record(Type.String(), Type.Unknown(), { description: '{ stroke, fill, width }' }),
  sortOrder: Type.Integer(),
  description: Nullable(Type.String()),
  source: Type.Object({ doc: Nullable(Type.String({ description: '提出该图层的本市文件编号' })), clause: Nullable(Type.String()) }),
  current: Nullable(
    Type.Object({
      versionId: Type.Integer(),
      version: Type.Integer(),
      featureCount: Type.Integer(),
      demo: Type.Boolean({ description: '示例数据' }),
      sourceName: Type.String(),
      sourceFormat: OneOf(FORMATS, { description: FORMAT_TEXT }),
      importedAt: Type.String(),
      importedBy: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() }, { description: '导入人；平台自行载入（示例图层）时为 null' })),
    }),
  ),
  versionCount: Type.Integer(),
});

const FeatureNoteSchema = Type.Object({ index: Type.Integer({ description: '文件中的序号（从 0 起）' }), name: Nullable(Type.String()), reason: Type.String() });

const ReportSchema = Type.Object(
  {
    layer: Type.String(),
    sourceName: Type.String(),
    format: OneOf(['shapefile', 'geojson', 'geopackage'] as const),
    srid: Type.Integer({ description: '文件的坐标系（EPSG）；入库统一为 4490' }),
    sridSource: OneOf(['option', 'prj', 'crs', 'geopackage', 'rfc7946'] as const, { description: '坐标系来源：所选、.prj、GeoJSON crs、GeoPackage、RFC 7946 缺省' }),
    encoding: Nullable(Type.String()),
    encodingSource: Nullable(OneOf(['option', 'cpg', 'language_driver', 'detected'] as const, { description: '编码来源：所选、.cpg、DBF 语言驱动、检测' })),
    counts: Type.Object({ read: Type.Integer(), imported: Type.Integer(), repaired: Type.Integer(), refused: Type.Integer() }),
    repaired: Type.Array(FeatureNoteSchema),
    refused: Type.Array(FeatureNoteSchema),
    skippedRefused: Type.Boolean(),
    notes: Type.Array(Type.String()),
    warnings: Type.Array(Type.String()),
  },
  { description: '导入报告：读取、导入、修复、拒绝的要素（逐个列出，至多 1000 个）' },
);

const VersionSchema = Type.Object({
  versionId: Type.Integer(),
  version: Type.Integer(),
  current: Type.Boolean({ description: '现行版本（版本号最大者）' }),
  sourceName: Type.String(),
  sourceFormat: OneOf(FORMATS, { description: FORMAT_TEXT }),
  sourceSrid: Type.Integer(),
  encoding: Nullable(Type.String()),
  demo: Type.Boolean({ description: '示例数据' }),
  featureCount: Type.Integer(),
  note: Nullable(Type.String()),
  importedAt: Type.String(),
  importedBy: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  report: Type.Record(Type.String(), Type.Unknown()),
});

const RefusedSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    // null when the file itself could not be read.
    report: Nullable(ReportSchema),
  },
  { description: 'application/problem+json' },
);

const CodeParams = Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$', description: '图层代码' }) });

const PROBLEM_TYPE = 'about:blank';

export const layerRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/spatial/layers',
    {
      config: { access: 'spatial.read' },
      schema: { tags, summary: '一张图的图层及其现行版本 / layers with their current versions', response: { 200: Type.Object({ items: Type.Array(LayerSchema) }) } },
    },
    async () => ({ items: await listLayers(db) }),
  );

  app.get(
    '/api/spatial/layers/:code/versions',
    {
      config: { access: 'spatial.read' },
      schema: {
        tags,
        summary: '图层的各个版本（新在前），含导入报告 / versions of a layer, newest first',
        params: CodeParams,
        response: { 200: Type.Object({ items: Type.Array(VersionSchema) }) },
      },
    },
    async (request) => {
      const items = await layerVersions(db, request.params.code);
      if (!items) throw problems.notFound('图层');
      return { items };
    },
  );

  app.post(
    '/api/spatial/layers/:code/versions',
    {
      config: { access: 'spatial.manage' },
      schema: {
        tags,
        summary:
          `导入图层的新版本（multipart：字段 file 为 zip 压缩的 Shapefile、GeoJSON 或 GeoPackage，不超过 ${megabytes(MAX_UPLOAD_BYTES)}；` +
          'srid 可选，文件未说明坐标系时必填；encoding 可选，Shapefile 属性编码；note 说明；skipRefused=true 时跳过无法导入的要素，否则有一个即整体不导入）。' +
          '旧版本保留。拒绝时返回 422 及逐要素报告 / import a new version of a layer',
        consumes: ['multipart/form-data'],
        params: CodeParams,
        response: {
          201: Type.Object({ versionId: Type.Integer(), version: Type.Integer(), featureCount: Type.Integer(), report: ReportSchema }),
          422: RefusedSchema,
        },
      },
    },
    async (request, reply) => {
      requirePrincipal(request);
      const { code } = request.params;
      if (!(await layerExists(db, code))) throw problems.notFound('图层');
      const upload = await layerUpload(request);
      const refuse = (detail: string, report: ImportReport | null, errors?: { field: string; message: string }[]) =>
        reply
          .code(422)
          .type('application/problem+json; charset=utf-8')
          .send({ type: PROBLEM_TYPE, title: '导入未执行 / import refused', status: 422, detail, instance: request.url, ...(errors ? { errors } : {}), report });

      // The readers (shpjs, sql.js) load at the first import, not at every start.
      const { readSpatialFile } = await import('../import/read.ts');
      const read = await readSpatialFile({ name: upload.name, data: upload.data }, { srid: upload.srid, encoding: upload.encoding });
      if (!read.ok) return refuse(read.error, null, [{ field: read.field, message: read.error }]);
      const outcome = await importLayerVersion(db, actorOf(request), code, read.value, {
        sourceName: upload.name,
        note: upload.note ?? null,
        skipRefused: upload.skipRefused,
      });
      if (!outcome.ok) {
        if (outcome.reason === 'layer_not_found') throw problems.notFound('图层');
        return refuse(outcome.message, outcome.report);
      }
      return reply.code(201).send({ versionId: outcome.versionId, version: outcome.version, featureCount: outcome.featureCount, report: outcome.report });
    },
  );
};
