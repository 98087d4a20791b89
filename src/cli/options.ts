import type { Command } from 'commander';
import { ConfigError, loadConfig, type ConfigOverrides } from '../config/index.ts';

/** Options every command takes; they override the environment. */
export function configFrom(command: Command): ReturnType<typeof loadConfig> {
  const options = command.optsWithGlobals<{ dataDir?: string; databaseUrl?: string; port?: string; host?: string }>();
  const overrides: ConfigOverrides = {
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
    host: options.host,
    port: options.port === undefined ? undefined : Number(options.port),
  };
  if (overrides.port !== undefined && (!Number.isInteger(overrides.port) || overrides.port < 0 || overrides.port > 65535)) {
    throw new ConfigError(`端口 ${options.port} 无效 / invalid port`);
  }
  return loadConfig(process.env, overrides);
}

