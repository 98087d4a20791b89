import { resolve } from 'node:path';

/** Where the platform keeps its data: the embedded PGlite folder, or a PostgreSQL server. */
export type StorageConfig =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'postgres'; url: string };

export interface Config {
  storage: StorageConfig;
  host: string;
  port: number;
  /** Seed set loaded on the first start: a folder under seeds/ (one per city). */
  seed: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** 'auto' marks the cookie Secure when the request came over HTTPS (directly or via a trusted proxy). */
  cookieSecure: 'auto' | boolean;
  trustProxy: boolean;
  logLevel: string;
  /** The HJ 212 gateway (数据采集网关): started with the platform unless turned off. */
  gateway: { enabled: boolean; port: number };
  /** Load a year of 示例数据 (demo air data) in the background on the first start of an empty store. */
  demoOnFirstStart: boolean;
}

/** Every environment variable the platform reads, with its default; the README table is made from this. */
export const ENVIRONMENT = {
  DATABASE_URL: 'PostgreSQL + PostGIS connection string; unset means embedded PGlite',
  QINGSHAN_DATA_DIR: 'PGlite data folder (default ./data)',
  QINGSHAN_HOST: 'address to listen on (default 0.0.0.0)',
  PORT: 'port of web UI and API (default 8080)',
  QINGSHAN_SEED: 'seed set under seeds/ loaded on the first start (default bazhong)',
  QINGSHAN_SESSION_IDLE_MINUTES: 'browser session idle timeout (default 30)',
  QINGSHAN_SESSION_MAX_HOURS: 'browser session absolute lifetime (default 12)',
  QINGSHAN_LOGIN_MAX_FAILURES: 'failed logins before an account is locked (default 5)',
  QINGSHAN_LOGIN_LOCK_MINUTES: 'how long a locked account stays locked (default 15)',
  QINGSHAN_COOKIE_SECURE: 'auto | true | false (default auto: Secure over HTTPS)',
  QINGSHAN_TRUST_PROXY: 'true behind a reverse proxy that sets X-Forwarded-* (default false)',
  QINGSHAN_LOG_LEVEL: 'fatal | error | warn | info | debug (default info)',
  QINGSHAN_GATEWAY: 'on | off: the HJ 212 gateway started with the platform (default on)',
  QINGSHAN_GATEWAY_PORT: 'TCP port of the HJ 212 gateway (default 9212)',
  QINGSHAN_DEMO: 'on | off: demo data (a year of air and water data, the one map\'s demo layers) loaded in the background on the first start of an empty store (default on)',
  QINGSHAN_CJK_FONT: 'font file with Chinese glyphs for report figures (default: Noto Sans CJK from fonts-noto-cjk)',
} as const;

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

function integer(env: Env, name: keyof typeof ENVIRONMENT, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}=${raw} 无效：应为 ${min}–${max} 之间的整数 / must be an integer from ${min} to ${max}`);
  }
  return value;
}

function onOff(env: Env, name: 'QINGSHAN_GATEWAY' | 'QINGSHAN_DEMO'): boolean {
  const value = env[name] ?? 'on';
  if (value !== 'on' && value !== 'off') throw new ConfigError(`${name}=${value} 无效：应为 on 或 off / must be on or off`);
  return value === 'on';
}

export interface ConfigOverrides {
  port?: number;
  host?: string;
  dataDir?: string;
  databaseUrl?: string;
}

export function loadConfig(env: Env = process.env, overrides: ConfigOverrides = {}): Config {
  const url = overrides.databaseUrl ?? env.DATABASE_URL;
  if (url !== undefined && url !== '' && !/^postgres(ql)?:\/\//.test(url)) {
    throw new ConfigError(`DATABASE_URL 格式错误：应以 postgres:// 开头 / DATABASE_URL must start with postgres://`);
  }
  const storage: StorageConfig = url
    ? { kind: 'postgres', url }
    : { kind: 'pglite', dataDir: resolve(overrides.dataDir ?? env.QINGSHAN_DATA_DIR ?? 'data') };
  const secure = env.QINGSHAN_COOKIE_SECURE ?? 'auto';
  if (!['auto', 'true', 'false'].includes(secure)) {
    throw new ConfigError(`QINGSHAN_COOKIE_SECURE=${secure} 无效：应为 auto、true 或 false`);
  }
  return {
    storage,
    host: overrides.host ?? env.QINGSHAN_HOST ?? '0.0.0.0',
    port: overrides.port ?? integer(env, 'PORT', 8080, 0, 65535),
    seed: env.QINGSHAN_SEED ?? 'bazhong',
    sessionIdleMinutes: integer(env, 'QINGSHAN_SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionMaxHours: integer(env, 'QINGSHAN_SESSION_MAX_HOURS', 12, 1, 24 * 30),
    loginMaxFailures: integer(env, 'QINGSHAN_LOGIN_MAX_FAILURES', 5, 1, 100),
    loginLockMinutes: integer(env, 'QINGSHAN_LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    cookieSecure: secure === 'auto' ? 'auto' : secure === 'true',
    trustProxy: env.QINGSHAN_TRUST_PROXY === 'true',
    logLevel: env.QINGSHAN_LOG_LEVEL ?? 'info',
    gateway: { enabled: onOff(env, 'QINGSHAN_GATEWAY'), port: integer(env, 'QINGSHAN_GATEWAY_PORT', 9212, 0, 65535) },
    demoOnFirstStart: onOff(env, 'QINGSHAN_DEMO'),
  };
}
