/**
 * Features for the map (一张图): a layer's features as GeoJSON (a bbox, a page, simplified for small
 * scales), identify at a point, search by name, and Mapbox vector tiles for the large layers. Every
 * answer comes from a layer's current version unless a version is asked for.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../../db/connect.ts';
import { HttpProblem, problems } from '../../server/problem.ts';
import { Nullable } from '../../server/schemas.ts';
import { featureCollectionText, featureProperties, featureText } from './geojson.ts';
import { containsPattern, layerList, MAX_TILE_ZOOM, parseBbox, tileInRange, zoneNameOf, type Bbox } from './params.ts';
import {
  countFeatures,
  currentVersions,
  featurePage,
  findLayer,
  findVersion,
  identifyAt,
  listLayers,
  searchByName,
  vectorTile,
  type FeatureHit,
  type LayerInfo,
  type LayerVersionRef,
} from './store.ts';

const tags = ['spatial'];
const GEOJSON = 'application/geo+json; charset=utf-8';
const MVT = 'application/vnd.mapbox-vector-tile';

export const layerNotFound = () => new HttpProblem(404, '图层不存在 / layer not found', '图层不存在或尚无此版本 / no such layer or version');

const LayerCode = Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$', description: '图层代码，如 nature_reserve' });

const FeaturesQuery = Type.Object({
  bbox: Type.Optional(Type.String({ description: '最小经度,最小纬度,最大经度,最大纬度（CGCS2000）', examples: ['106.5,31.6,107.2,32.2'] })),
  limit: Type.Integer({ minimum: 1, maximum: 10_000, default: 1000 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
  version: Type.Optional(Type.Integer({ minimum: 1, description: '图层版本号；缺省为当前（最高）版本' })),
  resolution: Type.Optional(
    Type.Number({ exclusiveMinimum: 0, maximum: 1, description: '地图分辨率（度/像素）：按此容差简化几何（ST_SimplifyPreserveTopology），用于小比例尺' }),
  ),
});

const Zone = { zone: Nullable(Type.String()), zoneName: Nullable(Type.String({ description: '分区名称，如 核心保护区' })) };

const IdentifyQuery = Type.Object({
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  layers: Type.Optional(Type.String({ description: '图层代码，逗号分隔；缺省为全部图层' })),
  toleranceM: Type.Number({ minimum: 0, maximum: 5000, default: 20, description: '线、点要素的拾取距离（米，椭球面）；面要素须包含该点' }),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
});

const IdentifyItem = Type.Object({
  id: Type.Integer(),
  layer: Type.String(),
  layerName: Type.String(),
  name: Nullable(Type.String()),
  ...Zone,
  demo: Type.Boolean({ description: '示例数据' }),
  distanceM: Type.Number({ description: '到该点的距离（米）；包含该点的面为 0' }),
  properties: Type.Record(Type.String(), Type.Unknown()),
});

const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 100, description: '名称中包含的文字（不分大小写）' }),
  layers: Type.Optional(Type.String({ description: '图层代码，逗号分隔；缺省为全部图层' })),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
});

const SearchItem = Type.Object({
  id: Type.Integer(),
  layer: Type.String(),
  layerName: Type.String(),
  name: Type.String(),
  ...Zone,
  bbox: Type.Array(Type.Number(), { minItems: 4, maxItems: 4, description: '[最小经度, 最小纬度, 最大经度, 最大纬度]' }),
});

const TileParams = Type.Object({
  layer: LayerCode,
  z: Type.Integer({ minimum: 0, maximum: MAX_TILE_ZOOM }),
  x: Type.Integer({ minimum: 0 }),
  y: Type.Integer({ minimum: 0 }),
});

/** A bbox parameter read by parseBbox, or a 400 problem naming the field. */
export function bboxOrThrow(text: string | undefined, options: { latFirst?: boolean } = {}): Bbox | undefined {
  if (text === undefined) return undefined;
  const parsed = parseBbox(text, options);
  if (!parsed.ok) throw problems.badRequest(parsed.error, [{ field: 'bbox', message: parsed.error }]);
  return parsed.value;
}

/** The layers a request names (all when none), each with its current version if it has one. */
async function layersWithCurrent(db: Db, codes: string[]): Promise<{ layer: LayerInfo; current: LayerVersionRef }[]> {
  const [layers, current] = await Promise.all([listLayers(db), currentVersions(db)]);
  const known = new Set(layers.map((layer) => layer.code));
  const unknown = codes.filter((code) => !known.has(code));
  if (unknown.length > 0) {
    const detail = `未知图层 / unknown layers: ${unknown.join(', ')}`;
    throw problems.badRequest(detail, [{ field: 'layers', message: detail }]);
  }
  const wanted = codes.length > 0 ? new Set(codes) : known;
  return layers.flatMap((layer) => {
    const version = current.get(layer.code);
    return wanted.has(layer.code) && version ? [{ layer, current: version }] : [];
  });
}

/** What identify and search say of every feature found: which it is, its layer, name and zone. */
function hitItem<Name extends string | null>(hit: FeatureHit<Name>, layer: LayerInfo) {
  return { id: hit.id, layer: layer.code, layerName: layer.name, name: hit.name, zone: hit.zone, zoneName: zoneNameOf(layer.zones, hit.zone) };
}

export const featureRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/spatial/layers/:code/features',
    {
      config: { access: 'spatial.read' },
      schema: {
        tags,
        summary: '图层要素（GeoJSON）',
        description:
          '当前版本（或 version 指定版本）的要素，按 id 排序分页。每个要素 id = 要素编号，properties 含 name、zone、zoneName、layer、versionId、demo（示例数据）及源文件属性。坐标为 CGCS2000 经纬度，最多 7 位小数。',
        params: Type.Object({ code: LayerCode }),
        querystring: FeaturesQuery,
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const query = request.query;
      const bbox = bboxOrThrow(query.bbox);
      const layer = await findLayer(db, code);
      if (!layer) throw layerNotFound();
      const version = await findVersion(db, code, query.version);
      if (!version && query.version !== undefined) throw layerNotFound();
      reply.type(GEOJSON);
      if (!version) return featureCollectionText([], { numberMatched: 0, numberReturned: 0 });
      const filter = { versionId: version.id, bbox };
      const [rows, matched] = await Promise.all([
        featurePage(db, { ...filter, limit: query.limit, offset: query.offset, simplify: query.resolution }),
        countFeatures(db, filter),
      ]);
      const context = { zones: layer.zones, demo: version.demo };
      const features = rows.map((row) => featureText(row, featureProperties(row, context, { layer: code, versionId: version.id })));
      return featureCollectionText(features, {
        layer: code,
        versionId: version.id,
        version: version.version,
        demo: version.demo,
        numberMatched: matched,
        numberReturned: rows.length,
      });
    },
  );

  app.get(
    '/api/spatial/identify',
    {
      config: { access: 'spatial.read' },
      schema: {
        tags,
        summary: '点击查询（identify）',
        description: '各图层当前版本中包含该点的面要素，以及 toleranceM 米内的线、点要素（椭球面距离），由近及远。',
        querystring: IdentifyQuery,
        response: { 200: Type.Object({ items: Type.Array(IdentifyItem) }) },
      },
    },
    async (request) => {
      const { lon, lat, toleranceM, limit } = request.query;
      const layers = await layersWithCurrent(db, layerList(request.query.layers));
      const byVersion = new Map(layers.map((entry) => [entry.current.id, entry]));
      const hits = await identifyAt(db, {
        lon,
        lat,
        toleranceM,
        limit,
        polygonVersions: layers.filter((entry) => entry.layer.geometryType === 'polygon').map((entry) => entry.current.id),
        otherVersions: layers.filter((entry) => entry.layer.geometryType !== 'polygon').map((entry) => entry.current.id),
      });
      return {
        items: hits.map((hit) => {
          const { layer, current } = byVersion.get(hit.versionId)!;
          return { ...hitItem(hit, layer), demo: current.demo, distanceM: Math.round(hit.distanceM * 100) / 100, properties: hit.properties };
        }),
      };
    },
  );

  app.get(
    '/api/spatial/search',
    {
      config: { access: 'spatial.read' },
      schema: {
        tags,
        summary: '按名称搜索要素',
        description: '各图层当前版本中名称包含 q 的要素（不分大小写），名称完全相同者、较短者在前；bbox 用于地图定位。',
        querystring: SearchQuery,
        response: { 200: Type.Object({ items: Type.Array(SearchItem) }) },
      },
    },
    async (request) => {
      const text = request.query.q.trim();
      if (text === '') throw problems.badRequest('q 不能为空白 / q is blank', [{ field: 'q', message: '必填' }]);
      const layers = await layersWithCurrent(db, layerList(request.query.layers));
      const byVersion = new Map(layers.map((entry) => [entry.current.id, entry]));
      const hits = await searchByName(db, {
        text,
        pattern: containsPattern(text),
        versionIds: [...byVersion.keys()],
        limit: request.query.limit,
      });
      return {
        items: hits.map((hit) => ({ ...hitItem(hit, byVersion.get(hit.versionId)!.layer), bbox: hit.bbox })),
      };
    },
  );

  app.get(
    '/api/spatial/tiles/:layer/:z/:x/:y.mvt',
    {
      config: { access: 'spatial.read' },
      schema: {
        tags,
        summary: '矢量瓦片（Mapbox Vector Tile）',
        description:
          '图层当前版本的矢量瓦片（ST_AsMVT，XYZ 方案，EPSG:3857），瓦片图层名为图层代码，要素属性 id、name、zone。无要素时返回 204。',
        params: TileParams,
      },
    },
    async (request, reply) => {
      const { layer: code, z, x, y } = request.params;
      if (!tileInRange(z, x, y)) {
        const detail = `第 ${z} 级瓦片的 x、y 应在 0–${2 ** z - 1} 之间 / tile x, y out of range for zoom ${z}`;
        throw problems.badRequest(detail, [{ field: 'x', message: detail }]);
      }
      const layer = await findLayer(db, code);
      if (!layer) throw layerNotFound();
      const version = await findVersion(db, code);
      // Short: a new import changes what the current version is.
      reply.header('cache-control', 'private, max-age=60');
      const tile = version ? await vectorTile(db, { versionId: version.id, layerCode: code, z, x, y }) : Buffer.alloc(0);
      if (tile.length === 0) return reply.code(204).send();
      return reply.type(MVT).send(tile);
    },
  );
};
