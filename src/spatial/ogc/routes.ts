/**
 * OGC API – Features (Part 1 Core with GeoJSON, Part 2 CRS by reference) at /ogc: every layer with a
 * current version is a collection whose items are that version's features, so GIS clients (QGIS,
 * GDAL's OAPIF driver) read the one map's layers directly. Needs spatial.read, by session or by
 * Bearer token as the /api routes do.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { scopeOf } from '../../auth/roles.ts';
import type { Db } from '../../db/connect.ts';
import { HttpProblem, problems } from '../../server/problem.ts';
import { featureCollectionText, featureProperties, featureText } from '../features/geojson.ts';
import type { Bbox } from '../features/params.ts';
import { bboxOrThrow } from '../features/routes.ts';
import {
  countFeatures,
  currentVersions,
  featurePage,
  findFeature,
  findLayer,
  findVersion,
  listLayers,
  versionExtents,
  type LayerInfo,
  type LayerVersionRef,
} from '../features/store.ts';
import { CONFORMANCE, CRS84, GEOJSON_TYPE, JSON_TYPE, latitudeFirst, pageLinks, STORAGE_CRS, SUPPORTED_CRS, type Link } from './links.ts';

const tags = ['ogc'];
const MAX_LIMIT = 10_000;
const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0';

const Format = Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('geojson')], { description: '返回格式；只提供 JSON / GeoJSON' }));
const FormatQuery = Type.Object({ f: Format });
const CollectionParams = Type.Object({ collectionId: Type.String({ description: '图层代码，如 nature_reserve' }) });

const ItemsQuery = Type.Object({
  f: Format,
  bbox: Type.Optional(Type.String({ description: '最小经度,最小纬度,最大经度,最大纬度（bbox-crs 为 EPSG:4490 时纬度在前）' })),
  'bbox-crs': Type.Optional(Type.String({ description: `bbox 的坐标系，默认 ${CRS84}` })),
  crs: Type.Optional(Type.String({ description: `返回坐标的坐标系：${SUPPORTED_CRS.join('、')}；EPSG 坐标系按其轴序纬度在前` })),
  limit: Type.Integer({ minimum: 1, default: 100, description: `每页要素数，超过 ${MAX_LIMIT} 按 ${MAX_LIMIT}` }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});

const notFound = (what: string) => new HttpProblem(404, '未找到', `${what} / not found`);

function crsOrThrow(value: string | undefined, field: 'crs' | 'bbox-crs'): boolean {
  const latFirst = latitudeFirst(value ?? CRS84);
  if (latFirst === null) {
    const detail = `不支持的坐标系 / unsupported CRS: ${value}；可用 / offered: ${SUPPORTED_CRS.join(', ')}`;
    throw problems.badRequest(detail, [{ field, message: detail }]);
  }
  return latFirst;
}

function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/ogc`;
}

function requestUrl(request: FastifyRequest): URL {
  return new URL(request.url, `${request.protocol}://${request.host}`);
}

function collectionJson(base: string, layer: LayerInfo, version: LayerVersionRef, extent: Bbox | undefined) {
  const href = `${base}/collections/${layer.code}`;
  const about = layer.description ?? layer.nameEn;
  return {
    id: layer.code,
    title: layer.name,
    description: version.demo ? `${about}（示例数据 / demo data）` : about,
    links: [
      { href, rel: 'self', type: JSON_TYPE, title: layer.name },
      { href: `${href}/items`, rel: 'items', type: GEOJSON_TYPE, title: `${layer.name}要素 / features` },
    ] satisfies Link[],
    ...(extent ? { extent: { spatial: { bbox: [extent], crs: CRS84 } } } : {}),
    itemType: 'feature',
    crs: [...SUPPORTED_CRS],
    storageCrs: STORAGE_CRS,
  };
}

export const ogcRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  // The /api routes are guarded by src/auth/access.ts; these lie outside /api and guard themselves.
  app.addHook('preHandler', async (request) => {
    const principal = request.principal;
    if (!principal) {
      throw new HttpProblem(401, '未登录或登录已过期', '请提供 API 令牌（Authorization: Bearer …）/ bearer token required', undefined, {
        'www-authenticate': 'Bearer realm="qingshan"',
      });
    }
    if (principal.user.mustChangePassword) {
      throw new HttpProblem(403, '请先修改初始密码', '首次登录或密码重置后须先修改密码 / change your password first');
    }
    if (scopeOf(principal.user.role, 'spatial.read') === null) throw problems.forbidden();
  });

  async function currentOf(code: string): Promise<{ layer: LayerInfo; version: LayerVersionRef }> {
    const layer = await findLayer(db, code);
    const version = layer ? await findVersion(db, code) : null;
    if (!layer || !version) throw notFound(`集合 ${code} 不存在 / collection ${code}`);
    return { layer, version };
  }

  const landing = {
    config: { access: 'spatial.read' as const },
    schema: { tags, summary: 'OGC API – Features 首页（landing page）', querystring: FormatQuery },
  };
  const landingHandler = async (request: FastifyRequest) => {
    const base = baseUrl(request);
    const origin = `${request.protocol}://${request.host}`;
    return {
      title: '青山 一张图 OGC API – Features',
      description: '生态环境“一张图”各图层的当前版本（CGCS2000）/ current versions of the one map’s layers',
      links: [
        { href: base, rel: 'self', type: JSON_TYPE, title: '本页 / this document' },
        { href: `${origin}/api/docs/json`, rel: 'service-desc', type: OPENAPI_TYPE, title: 'OpenAPI 3.0 接口定义 / API definition' },
        { href: `${origin}/api/docs`, rel: 'service-doc', type: 'text/html', title: '接口文档 / API documentation' },
        { href: `${base}/conformance`, rel: 'conformance', type: JSON_TYPE, title: '符合的标准 / conformance classes' },
        { href: `${base}/collections`, rel: 'data', type: JSON_TYPE, title: '图层集合 / collections' },
      ] satisfies Link[],
    };
  };
  app.get('/ogc', landing, landingHandler);
  app.get('/ogc/', { ...landing, schema: { ...landing.schema, hide: true } }, landingHandler);

  app.get(
    '/ogc/conformance',
    { config: { access: 'spatial.read' }, schema: { tags, summary: 'OGC API – Features 符合类（conformance）', querystring: FormatQuery } },
    async () => ({ conformsTo: [...CONFORMANCE] }),
  );

  app.get(
    '/ogc/collections',
    {
      config: { access: 'spatial.read' },
      schema: { tags, summary: 'OGC API – Features 集合列表：每个有当前版本的图层一个', querystring: FormatQuery },
    },
    async (request) => {
      const base = baseUrl(request);
      const [layers, current] = await Promise.all([listLayers(db), currentVersions(db)]);
      const served = layers.flatMap((layer) => {
        const version = current.get(layer.code);
        return version ? [{ layer, version }] : [];
      });
      const extents = await versionExtents(db, served.map((entry) => entry.version.id));
      return {
        links: [{ href: `${base}/collections`, rel: 'self', type: JSON_TYPE, title: '本页 / this document' }] satisfies Link[],
        crs: [...SUPPORTED_CRS],
        collections: served.map(({ layer, version }) => collectionJson(base, layer, version, extents.get(version.id))),
      };
    },
  );

  app.get(
    '/ogc/collections/:collectionId',
    {
      config: { access: 'spatial.read' },
      schema: { tags, summary: 'OGC API – Features 集合（图层）', params: CollectionParams, querystring: FormatQuery },
    },
    async (request) => {
      const { layer, version } = await currentOf(request.params.collectionId);
      const extents = await versionExtents(db, [version.id]);
      return collectionJson(baseUrl(request), layer, version, extents.get(version.id));
    },
  );

  app.get(
    '/ogc/collections/:collectionId/items',
    {
      config: { access: 'spatial.read' },
      schema: {
        tags,
        summary: 'OGC API – Features 要素（GeoJSON）',
        description: '按要素编号排序分页；links 中 next / prev 保留全部查询参数。crs 为 EPSG:4490 或 EPSG:4326 时坐标纬度在前。',
        params: CollectionParams,
        querystring: ItemsQuery,
      },
    },
    async (request, reply) => {
      const query = request.query;
      const latFirst = crsOrThrow(query.crs, 'crs');
      // bbox-crs matters only with a bbox.
      const bbox = query.bbox === undefined ? undefined : bboxOrThrow(query.bbox, { latFirst: crsOrThrow(query['bbox-crs'], 'bbox-crs') });
      const { layer, version } = await currentOf(request.params.collectionId);
      const limit = Math.min(query.limit, MAX_LIMIT);
      const filter = { versionId: version.id, bbox };
      const [rows, matched] = await Promise.all([
        featurePage(db, { ...filter, limit, offset: query.offset, latFirst }),
        countFeatures(db, filter),
      ]);
      const itemsBase = `${baseUrl(request)}/collections/${layer.code}/items`;
      const context = { zones: layer.zones, demo: version.demo };
      const features = rows.map((row) =>
        featureText(row, featureProperties(row, context), {
          links: [{ href: `${itemsBase}/${row.id}`, rel: 'self', type: GEOJSON_TYPE }],
        }),
      );
      const links: Link[] = [
        ...pageLinks(requestUrl(request), { offset: query.offset, limit, returned: rows.length, matched }),
        { href: `${baseUrl(request)}/collections/${layer.code}`, rel: 'collection', type: JSON_TYPE, title: layer.name },
      ];
      reply.type(`${GEOJSON_TYPE}; charset=utf-8`).header('content-crs', `<${query.crs ?? CRS84}>`);
      return featureCollectionText(features, {
        numberMatched: matched,
        numberReturned: rows.length,
        timeStamp: new Date().toISOString(),
        links,
      });
    },
  );

  app.get(
    '/ogc/collections/:collectionId/items/:featureId',
    {
      config: { access: 'spatial.read' },
      schema: {
        tags,
        summary: 'OGC API – Features 单个要素',
        params: Type.Object({ collectionId: Type.String(), featureId: Type.String() }),
        querystring: Type.Object({ f: Format, crs: Type.Optional(Type.String()) }),
      },
    },
    async (request, reply) => {
      const latFirst = crsOrThrow(request.query.crs, 'crs');
      const { collectionId, featureId } = request.params;
      const { layer, version } = await currentOf(collectionId);
      const id = /^[1-9][0-9]{0,15}$/.test(featureId) ? Number(featureId) : null;
      const row = id === null ? null : await findFeature(db, version.id, id, { latFirst });
      if (!row) throw notFound(`要素 ${featureId} 不在集合 ${collectionId} 中 / feature ${featureId}`);
      const collectionHref = `${baseUrl(request)}/collections/${layer.code}`;
      reply.type(`${GEOJSON_TYPE}; charset=utf-8`).header('content-crs', `<${request.query.crs ?? CRS84}>`);
      return featureText(row, featureProperties(row, { zones: layer.zones, demo: version.demo }), {
        links: [
          { href: `${collectionHref}/items/${row.id}`, rel: 'self', type: GEOJSON_TYPE },
          { href: collectionHref, rel: 'collection', type: JSON_TYPE, title: layer.name },
        ],
      });
    },
  );

  // Any other path under /ogc is an OGC client's mistake, not a page of the web app.
  app.get('/ogc/*', { config: { access: 'spatial.read' }, schema: { hide: true } }, async (request) => {
    throw notFound(`${request.url.split('?')[0]} 不存在 / no such resource`);
  });
};
