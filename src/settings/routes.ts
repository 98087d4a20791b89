import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { Db } from '../db/connect.ts';
import { actorOf } from '../auth/access.ts';
import { audited } from '../audit/store.ts';
import { problems } from '../server/problem.ts';
import { DEFAULT_THRESHOLDS } from '../tasks/colour.ts';
import { DEFAULT_RECHECK_DAYS } from '../tasks/service.ts';
import { DEFAULT_SILENT_HOURS } from '../monitoring/alerts/rules.ts';
import { DEFAULT_SCAN_MINUTES } from '../monitoring/alerts/scheduler.ts';
import { getSetting, setSetting, SETTING_KEYS } from './store.ts';

/** Each setting with the shape its value must have and the value used until someone sets it. */
const SETTINGS: Record<string, { schema: TSchema; fallback: unknown; description: string }> = {
  [SETTING_KEYS.taskColourThresholds]: {
    schema: Type.Object({ nearDays: Type.Integer({ minimum: 1, maximum: 365 }), reportOverdueRedDays: Type.Integer({ minimum: 0, maximum: 365 }) }, { additionalProperties: false }),
    fallback: DEFAULT_THRESHOLDS,
    description: '红黄绿阈值：完成时限临近天数；进度报告逾期转红天数',
  },
  [SETTING_KEYS.recheckIntervalsDays]: {
    schema: Type.Array(Type.Integer({ minimum: 1, maximum: 3650 }), { minItems: 1, maxItems: 10 }),
    fallback: DEFAULT_RECHECK_DAYS,
    description: '回头看：销号后第几天复查（可多次）',
  },
  [SETTING_KEYS.coordinatorOrganisation]: {
    schema: Type.Integer({ minimum: 1 }),
    fallback: null,
    description: '综合协调机构（市环委办）的组织机构编号',
  },
  [SETTING_KEYS.monitoringSilentHours]: {
    schema: Type.Integer({ minimum: 1, maximum: 24 * 30 }),
    fallback: DEFAULT_SILENT_HOURS,
    description: '监测预警：空气站或水质自动站超过多少小时无数据即预警',
  },
  [SETTING_KEYS.monitoringAlertScanMinutes]: {
    schema: Type.Integer({ minimum: 0, maximum: 24 * 60 }),
    fallback: DEFAULT_SCAN_MINUTES,
    description: '监测预警：服务每隔多少分钟检查一次（0 为不自动检查）',
  },
};

export const settingRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/settings',
    {
      config: { access: 'tasks.manage' },
      schema: {
        tags: ['system'],
        summary: '平台设置（红黄绿阈值、回头看间隔、协调机构）/ settings',
        response: { 200: Type.Array(Type.Object({ key: Type.String(), value: Type.Unknown(), description: Type.String() })) },
      },
    },
    async () =>
      Promise.all(Object.entries(SETTINGS).map(async ([key, s]) => ({ key, value: await getSetting(db, key, s.fallback), description: s.description }))),
  );

  app.put(
    '/api/settings/:key',
    {
      config: { access: 'tasks.manage' },
      schema: {
        tags: ['system'],
        summary: '修改一项设置（留痕）/ change a setting (audited)',
        params: Type.Object({ key: Type.String({ maxLength: 60 }) }),
        body: Type.Object({ value: Type.Unknown() }),
        response: { 200: Type.Object({ key: Type.String(), value: Type.Unknown() }) },
      },
    },
    async (request) => {
      const { key } = request.params;
      const setting = SETTINGS[key];
      if (!setting) throw problems.notFound(`设置 ${key}`);
      const value = request.body.value;
      if (!Value.Check(setting.schema, value)) {
        const errors = [...Value.Errors(setting.schema, value)].map((e) => ({ field: `value${e.instancePath.replace(/\//g, '.')}`, message: e.message }));
        throw problems.badRequest('设置值不符合要求', errors);
      }
      const before = await getSetting(db, key, setting.fallback);
      await audited(db, actorOf(request), async (trx, audit) => {
        await setSetting(trx, key, value);
        await audit({ action: 'update', entity: 'setting', entityId: key, before, after: value });
      });
      return { key, value };
    },
  );
};
