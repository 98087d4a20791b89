import pg from 'pg';
import { readFileSync } from 'node:fs';
import { openStorage } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedOrganisations } from '../src/orgs/seed.ts';
import { createSite } from '../src/monitoring/registry/service.ts';
import { createDevice } from '../src/gateway/devices/service.ts';
import { ensureAirPartitions } from '../src/monitoring/data/partitions.ts';
import { SYSTEM_ACTOR } from '../src/audit/store.ts';
import { sql } from 'kysely';
const admin = 'postgres://postgres:qingshan-ci@127.0.0.1:5432/postgres';
const name = 'qs_exp_' + Date.now();
const a = new pg.Client(admin); await a.connect(); await a.query(`CREATE DATABASE ${name}`); await a.end();
const url = `postgres://postgres:qingshan-ci@127.0.0.1:5432/${name}`;
const storage = await openStorage({ kind: 'postgres', url });
await migrate(storage); await seedOrganisations(storage.db, 'bazhong');
const ids: number[] = []; const devs: number[] = [];
for (let d = 0; d < 100; d++) {
  const s = await createSite(storage.db, SYSTEM_ACTOR, 'air', { code: `X${d}`, name: `x${d}`, level: 'municipal', district: 'bazhou', lon: 106.7, lat: 31.85 });
  ids.push(s.id);
  const dev = await createDevice(storage.db, SYSTEM_ACTOR, { mn: `MN${d}`, password: 'pw1234', site: `X${d}` });
  devs.push((dev as any).id ?? d + 1);
}
const { rows: dr } = await sql<{ id: number }>`SELECT id FROM gateway_device ORDER BY id`.execute(storage.db);
const START = Date.parse('2025-01-01T00:00:00+08:00');
await ensureAirPartitions(storage.db, [START, START + 30 * 86400000, START + 60 * 86400000]);
await storage.close();
const P = ['so2', 'no2', 'pm10', 'pm2_5', 'co', 'o3'];
const seg = 'QN=20250101000000001;ST=22;CN=2061;PW=pw1234;MN=MN1;Flag=5;CP=&&DataTime=20250101000000;a21026-Min=1.0,a21026-Avg=2.0,a21026-Max=3.0,a21026-Flag=N;a21004-Min=1.0,a21004-Avg=2.0,a21004-Max=3.0,a21004-Flag=N;a34002-Min=1.0,a34002-Avg=2.0,a34002-Max=3.0,a34002-Flag=N&&';
function cpu(pid: number) { const s = readFileSync(`/proc/${pid}/stat`, 'utf8'); const f = s.slice(s.lastIndexOf(')') + 2).split(' '); return (Number(f[11]) + Number(f[12])) * 10; }
const TX = 400, PK = 36;
let hourBase = 0;
function batch() {
  const r = { mn: [] as string[], qn: [] as string[], cn: [] as string[], dev: [] as number[], at: [] as string[], n: [] as number[], seg: [] as string[] };
  const v = { site: [] as number[], at: [] as string[], p: [] as string[], val: [] as string[], valid: [] as boolean[], reason: [] as (string | null)[], review: [] as string[], key: [] as number[] };
  for (let i = 0; i < PK; i++) {
    const d = i % 100; const h = hourBase + Math.floor(i / 100);
    const at = new Date(START + (h + 1) * 3600000).toISOString();
    r.mn.push(`MN${d}`); r.qn.push(`${h}-${d}`); r.cn.push('2061'); r.dev.push(dr[d]!.id); r.at.push(at); r.n.push(6); r.seg.push(seg);
    for (const p of P) { v.site.push(ids[d]!); v.at.push(at); v.p.push(p); v.val.push(String(10 + (h % 40))); v.valid.push(true); v.reason.push(null); v.review.push('raw'); v.key.push(i); }
  }
  hourBase += 1; return { r, v };
}
const UPSERT_TAIL = `ON CONFLICT (station_id, observed_at, parameter) DO UPDATE SET value = EXCLUDED.value, valid = EXCLUDED.valid, invalid_reason = EXCLUDED.invalid_reason, review = EXCLUDED.review, received_at = now() WHERE NOT monitoring_air_hourly.corrected AND NOT (monitoring_air_hourly.review = 'audited' AND EXCLUDED.review = 'raw')`;
async function run(label: string, body: (c: pg.Client, b: ReturnType<typeof batch>) => Promise<void>) {
  const c = new pg.Client(url); await c.connect();
  const { rows } = await c.query('SELECT pg_backend_pid() AS pid'); const pid = rows[0].pid;
  await c.query('TRUNCATE monitoring_air_hourly, gateway_receipt'); hourBase = 0;
  const s0 = cpu(pid); const c0 = process.cpuUsage(); const t0 = performance.now();
  for (let t = 0; t < TX; t++) await body(c, batch());
  const ms = performance.now() - t0; const cc = process.cpuUsage(c0); const sc = cpu(pid) - s0;
  const vals = TX * PK * 6;
  console.log(`${label.padEnd(28)} wall ${ms.toFixed(0)} ms  server ${sc} ms (${(sc / vals * 1000).toFixed(1)}/1000)  client ${((cc.user + cc.system) / 1000).toFixed(0)} ms (${((cc.user + cc.system) / 1000 / vals * 1000).toFixed(1)}/1000)`);
  await c.end();
}
const recIns = `INSERT INTO gateway_receipt (mn, qn, cn, device_id, observed_at, values_written, segment) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::timestamptz[], $6::int[], $7::text[]) ON CONFLICT (mn, qn, cn) DO NOTHING RETURNING mn, qn, cn`;
const valIns = `INSERT INTO monitoring_air_hourly (station_id, observed_at, parameter, value, valid, invalid_reason, review) SELECT * FROM unnest($1::int[], $2::timestamptz[], $3::text[], $4::numeric[], $5::boolean[], $6::text[], $7::text[]) ${UPSERT_TAIL} RETURNING 1 AS one`;
for (let rep = 0; rep < 2; rep++) {
await run('A: 4 round trips', async (c, { r, v }) => {
  await c.query('BEGIN');
  await c.query(recIns, [r.mn, r.qn, r.cn, r.dev, r.at, r.n, r.seg]);
  await c.query(valIns, [v.site, v.at, v.p, v.val, v.valid, v.reason, v.review]);
  await c.query('COMMIT');
});
await run('A2: 4 rt, named prepared', async (c, { r, v }) => {
  await c.query('BEGIN');
  await c.query({ name: 'rec', text: recIns, values: [r.mn, r.qn, r.cn, r.dev, r.at, r.n, r.seg] });
  await c.query({ name: 'val', text: valIns, values: [v.site, v.at, v.p, v.val, v.valid, v.reason, v.review] });
  await c.query('COMMIT');
});
const cte = `WITH receipt AS (INSERT INTO gateway_receipt (mn, qn, cn, device_id, observed_at, values_written, segment) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::timestamptz[], $6::int[], $7::text[]) ON CONFLICT (mn, qn, cn) DO NOTHING RETURNING mn, qn, cn),
val AS (INSERT INTO monitoring_air_hourly (station_id, observed_at, parameter, value, valid, invalid_reason, review) SELECT site, at, p, value, valid, reason, review FROM unnest($8::int[], $9::timestamptz[], $10::text[], $11::numeric[], $12::boolean[], $13::text[], $14::text[], $15::int[]) AS v(site, at, p, value, valid, reason, review, k) ${UPSERT_TAIL} RETURNING 1)
SELECT (SELECT array_agg(qn) FROM receipt) AS fresh, (SELECT count(*) FROM val) AS written`;
await run('B: one CTE statement', async (c, { r, v }) => {
  await c.query(cte, [r.mn, r.qn, r.cn, r.dev, r.at, r.n, r.seg, v.site, v.at, v.p, v.val, v.valid, v.reason, v.review, v.key]);
});
await run('B2: CTE, named', async (c, { r, v }) => {
  await c.query({ name: 'cte', text: cte, values: [r.mn, r.qn, r.cn, r.dev, r.at, r.n, r.seg, v.site, v.at, v.p, v.val, v.valid, v.reason, v.review, v.key] });
});
await run('C: values only, no RETURNING', async (c, { v }) => {
  await c.query(valIns.replace(' RETURNING 1 AS one', ''), [v.site, v.at, v.p, v.val, v.valid, v.reason, v.review]);
});
await run('D: plain insert values', async (c, { v }) => {
  await c.query(`INSERT INTO monitoring_air_hourly (station_id, observed_at, parameter, value, valid, invalid_reason, review) SELECT * FROM unnest($1::int[], $2::timestamptz[], $3::text[], $4::numeric[], $5::boolean[], $6::text[], $7::text[])`, [v.site, v.at, v.p, v.val, v.valid, v.reason, v.review]);
});
}
const b = new pg.Client(admin); await b.connect(); await b.query(`DROP DATABASE ${name} WITH (FORCE)`); await b.end();
