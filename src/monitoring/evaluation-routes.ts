/**
 * The air evaluation over stored data (src/monitoring/evaluation/) and the status of 示例数据
 * (src/monitoring/demo/load.ts). Reading only: monitoring.read. Every item says which standard it was
 * computed under and whether it rests on 示例数据 (`demo`).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../db/connect.ts';
import { problems } from '../server/problem.ts';
import { IdParams, Nullable, OneOf } from '../server/schemas.ts';
import { AQI_STANDARDS } from './air/standard-versions.ts';
import { demoStatus, loadDemoOnFirstStart } from './demo/load.ts';
import { parsePeriod } from './evaluation/periods.ts';
import { evaluateAir, realtimeAqi, stationDailySeries, type RealtimeArea } from './evaluation/service.ts';
import { findSite } from './registry/store.ts';

/** The longest daily series one request answers. */
const DAILY_MAX_DAYS = 366;
export const DEMO_NOTE = '示例数据：由平台生成，仅供演示，不是监测结果';

const Loose = (description: string) => Type.Object({}, { additionalProperties: true, description });
const StandardQuery = Type.Optional(
  OneOf(AQI_STANDARDS, { description: '按此标准重新评价（缺省：各日按当日施行的标准，2026-03-01 起 HJ 633—2026）' }),
);
const Standard = OneOf(AQI_STANDARDS);

const StationSchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  level: Type.String(),
  districtId: Type.Integer(),
  districtName: Type.String(),
  lon: Type.Number(),
  lat: Type.Number(),
});

const CityStationsQuery = Type.Optional(OneOf(['national', 'all'] as const, { description: '全市取 national 国控站（缺省，HJ 663）或 all 全部评价站' }));

/** The fields of a real-time AQI, a station's or an area's. */
const RealtimeAqiFields = {
  at: Type.String({ description: '小时结束时刻，ISO 8601 +08:00' }),
  standard: Standard,
  aqi: Nullable(Type.Integer()),
  level: Nullable(Type.Integer()),
  category: Nullable(Type.String()),
  color: Nullable(Type.String()),
  primaryPollutants: Type.Array(Type.String()),
  iaqi: Loose('各项分指数'),
  concentrations: Loose('参与计算的浓度'),
  missingPollutants: Type.Array(Type.String()),
  notes: Type.Array(Loose('说明')),
  demo: Type.Boolean(),
};

const RealtimeAreaSchema = Type.Object({
  area: Type.Object({ kind: OneOf(['district', 'city'] as const), id: Type.Integer(), name: Type.String() }),
  stations: Type.Array(Type.Integer(), { description: '参与平均的点位（各站最新小时中最早的一个为共同小时）' }),
  silent: Type.Array(Type.Integer(), { description: '未参与的点位：无数据，或比本区域最新小时落后一天以上' }),
  ...RealtimeAqiFields,
});

/** The city the platform serves: the organisation of kind city. */
const cityOf = (db: Db) => db.selectFrom('organisation').select(['id', 'name']).where('kind', '=', 'city').orderBy('id').executeTakeFirstOrThrow();

const AreaSchema = Type.Object({
  area: Type.Object({
    kind: OneOf(['station', 'district', 'city'] as const),
    id: Type.Integer(),
    code: Nullable(Type.String()),
    name: Type.String(),
    stations: Type.Array(Type.Integer(), { description: '参与计算的点位' }),
  }),
  rank: Type.Optional(Nullable(Type.Integer({ description: '综合指数排名（小者优）；无综合指数时为空' }))),
  evaluation: Type.Object(
    {
      period: Type.String(),
      standard: Standard,
      generation: Loose('标准代次：HJ 633、HJ 663、GB 3095'),
      limitSet: Type.String(),
      calendarDays: Type.Integer(),
      daysWithData: Type.Integer(),
      validAqiDays: Type.Integer({ description: '有效监测天数' }),
      categories: Loose('各类别天数'),
      goodDays: Type.Integer({ description: '优良天数' }),
      goodDayRatioPercent: Nullable(Type.Number({ description: '优良天数比例 %' })),
      heavyPollutionDays: Type.Integer({ description: '重污染天数（AQI > 200）' }),
      severePollutionDays: Type.Integer({ description: '严重污染天数（AQI > 300）' }),
      attainsGradeII: Nullable(Type.Boolean({ description: '六项均达二级标准；月评价或数据不足时为空' })),
      compositeIndex: Nullable(Type.Number({ description: '综合指数' })),
      compositeIndexDetail: Nullable(Loose('单项指数及计算依据')),
      pollutants: Loose('各污染物：有效天数、统计值（年或月均值、百分位数）、有效性、达标、超标倍数'),
      demo: Type.Boolean({ description: '含示例数据' }),
    },
    { additionalProperties: false },
  ),
});

export const airEvaluationRoutes: FastifyPluginAsyncTypebox<{ db: Db; demoOnFirstStart?: boolean }> = async (app, { db, demoOnFirstStart = false }) => {
  if (demoOnFirstStart) {
    // After the server listens, never before, and not awaited: the first start is not delayed by the
    // demo year. Closing stops it between stations and waits for the station being written.
    const stop = new AbortController();
    let loading: Promise<boolean> = Promise.resolve(false);
    app.addHook('onListen', (done) => {
      loading = loadDemoOnFirstStart(db, app.log, stop.signal);
      done();
    });
    app.addHook('onClose', async () => {
      stop.abort();
      await loading;
    });
  }

  app.get(
    '/api/monitoring/air/realtime',
    {
      config: { access: 'monitoring.read' },
      schema: {
        tags: ['monitoring'],
        summary: '各空气站最新一小时的实时 AQI（实时报），及各县区、全市由所辖站浓度平均计算的实时 AQI / latest real-time AQI per station, district and city',
        querystring: Type.Object({ standard: StandardQuery, cityStations: CityStationsQuery }),
        response: {
          200: Type.Object({
            demo: Type.Boolean({ description: '含示例数据' }),
            demoNote: Nullable(Type.String()),
            items: Type.Array(Type.Object({ station: StationSchema, ...RealtimeAqiFields })),
            districts: Type.Array(RealtimeAreaSchema, { description: '各县区：所辖评价站（不含微站）浓度的算术平均计算的实时 AQI' }),
            city: Nullable(RealtimeAreaSchema),
          }),
        },
      },
    },
    async (request) => {
      const { standard, cityStations = 'national' } = request.query;
      const realtime = await realtimeAqi(db, standard, { cityStations }, await cityOf(db));
      const items = realtime.stations.map(({ station, at, aqi, demo }) => ({ station, at, ...aqi, demo }));
      const areaItem = ({ area, at, stations, silent, aqi, demo }: RealtimeArea) => ({ area, at, stations, silent, ...aqi, demo });
      const districts = realtime.districts.map(areaItem);
      const city = realtime.city && areaItem(realtime.city);
      const demo = [...items, ...districts, ...(city ? [city] : [])].some((i) => i.demo);
      return { demo, demoNote: demo ? DEMO_NOTE : null, items, districts, city };
    },
  );

  app.get(
    '/api/monitoring/air/stations/:id/daily',
    {
      config: { access: 'monitoring.read' },
      schema: {
        tags: ['monitoring'],
        summary: `一个空气站的逐日 AQI、类别与各污染物日统计值（最长 ${DAILY_MAX_DAYS} 天）/ daily series of a station`,
        params: IdParams,
        querystring: Type.Object({
          from: Type.String({ format: 'date', description: '起日（含）' }),
          to: Type.String({ format: 'date', description: '止日（含）' }),
          standard: StandardQuery,
        }),
        response: {
          200: Type.Object({
            station: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
            from: Type.String(),
            to: Type.String(),
            demo: Type.Boolean(),
            demoNote: Nullable(Type.String()),
            items: Type.Array(
              Type.Object({
                date: Type.String(),
                standard: Standard,
                aqi: Nullable(Type.Integer()),
                level: Nullable(Type.Integer()),
                category: Nullable(Type.String()),
                color: Nullable(Type.String()),
                primaryPollutants: Type.Array(Type.String()),
                missingPollutants: Type.Array(Type.String()),
                counted: Type.Boolean({ description: '计入有效监测天数' }),
                concentrations: Loose('日统计值（修约后）：SO2、NO2、PM10、PM2.5、CO 日均值，O3 日最大 8 小时平均，O3_1h_max'),
                iaqi: Loose('各项分指数'),
                hours: Loose('各污染物的有效小时数'),
                o3Windows: Type.Integer({ description: 'O3 有效 8 小时滑动窗口数' }),
                demo: Type.Boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const site = await findSite(db, 'air', request.params.id);
      if (!site) throw problems.notFound('空气监测站');
      const { from, to, standard } = request.query;
      if (from > to) throw problems.badRequest('起日不能晚于止日', [{ field: 'from', message: '不能晚于 to' }]);
      if (Date.parse(to) - Date.parse(from) >= DAILY_MAX_DAYS * 86_400_000) {
        throw problems.badRequest(`一次最多查询 ${DAILY_MAX_DAYS} 天`, [{ field: 'to', message: `最多 ${DAILY_MAX_DAYS} 天` }]);
      }
      const days = await stationDailySeries(db, site.id, from, to, standard);
      const items = days.map((d) => ({ ...d, ...d.aqi, concentrations: d.concentrations, standard: d.standard }));
      const demo = items.some((i) => i.demo);
      return { station: { id: site.id, code: site.code, name: site.name }, from, to, demo, demoNote: demo ? DEMO_NOTE : null, items };
    },
  );

  app.get(
    '/api/monitoring/air/evaluation',
    {
      config: { access: 'monitoring.read' },
      schema: {
        tags: ['monitoring'],
        summary: '空气质量月评价或年评价：各站、各县区（按综合指数排名）与全市 / monthly or annual evaluation',
        querystring: Type.Object({
          period: Type.String({ pattern: '^\\d{4}(-\\d{2})?$', description: '年（2025）或月（2025-03）' }),
          standard: StandardQuery,
          spatialMean: Type.Optional(
            OneOf(['hourly', 'daily'] as const, { description: '县区与全市浓度：hourly 逐时取各站算术平均（缺省）；daily 取各站日统计值的算术平均' }),
          ),
          cityStations: CityStationsQuery,
        }),
        response: {
          200: Type.Object({
            period: Type.String(),
            standard: Standard,
            straddlesChange: Type.Boolean({ description: '期间跨越 2026-03-01 标准切换；缺省按期末施行的标准评价' }),
            options: Type.Object({ spatialMean: Type.String(), cityStations: Type.String() }),
            demo: Type.Boolean(),
            demoNote: Nullable(Type.String()),
            city: Nullable(AreaSchema),
            districts: Type.Array(AreaSchema),
            stations: Type.Array(AreaSchema),
          }),
        },
      },
    },
    async (request) => {
      const { period: text, standard, spatialMean = 'hourly', cityStations = 'national' } = request.query;
      const period = parsePeriod(text);
      if (!period) throw problems.badRequest(`「${text}」不是年份或月份`, [{ field: 'period', message: '应为 YYYY 或 YYYY-MM（2000–2100）' }]);
      const result = await evaluateAir(db, period, standard, { spatialMean, cityStations }, await cityOf(db));
      const demo = [result.city, ...result.districts, ...result.stations].some((a) => a?.evaluation.demo);
      return { period: text, ...result, demo, demoNote: demo ? DEMO_NOTE : null };
    },
  );

  app.get(
    '/api/monitoring/demo',
    {
      config: { access: 'monitoring.read' },
      schema: {
        tags: ['monitoring'],
        summary: '示例数据是否存在及载入进度（载入与删除：qingshan demo load / remove）/ demo data status',
        response: {
          200: Type.Object({
            present: Type.Boolean(),
            note: Type.String(),
            values: Type.Integer(),
            stations: Type.Integer(),
            from: Nullable(Type.String()),
            to: Nullable(Type.String()),
            water: Type.Object({ values: Type.Integer(), sites: Type.Integer(), from: Nullable(Type.String()), to: Nullable(Type.String()) }, { description: '示例水质数据' }),
            load: Nullable(
              Type.Object({
                year: Type.Integer(),
                origin: OneOf(['first-start', 'command'] as const),
                state: OneOf(['running', 'done', 'failed'] as const),
                stationsDone: Type.Integer(),
                stationsTotal: Type.Integer(),
                valuesWritten: Type.Integer(),
                waterValuesWritten: Type.Integer(),
                startedAt: Type.String(),
                finishedAt: Nullable(Type.String()),
                error: Nullable(Type.String()),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ ...(await demoStatus(db)), note: DEMO_NOTE }),
  );
};
