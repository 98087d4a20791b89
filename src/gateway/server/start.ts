/** Starting the gateway beside the platform or on its own, with its log on the console. */
import type { Config } from '../../config/index.ts';
import type { Db } from '../../db/connect.ts';
import { GatewayServer, type GatewayLog } from './server.ts';
import { createExceedanceScanner } from '../../emissions/scan.ts';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** One JSON line per event, on stdout like the HTTP server's log; below QINGSHAN_LOG_LEVEL dropped. */
export function consoleGatewayLog(level: string): GatewayLog {
  const threshold = Math.max(0, LEVELS.indexOf(level as (typeof LEVELS)[number]));
  const write = (name: (typeof LEVELS)[number]) => (message: string, fields?: Record<string, unknown>) => {
    if (LEVELS.indexOf(name) < threshold) return;
    console.log(JSON.stringify({ time: new Date().toISOString(), level: name, component: 'gateway', msg: message, ...fields }));
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

export async function startGateway(db: Db, config: Config): Promise<{ gateway: GatewayServer; port: number }> {
  const log = consoleGatewayLog(config.logLevel);
  // An outlet's committed data are judged against its emission limits (超标事件) a moment later.
  const scanner = createExceedanceScanner(db, log);
  const gateway = new GatewayServer(db, { host: config.host, port: config.gateway.port, log, onOutletReadings: (outletId, cn) => scanner.onOutletReadings(outletId, cn) });
  gateway.whenClosed(() => scanner.close());
  let port: number;
  try {
    port = await gateway.listen();
  } catch (error) {
    await scanner.close();
    throw error;
  }
  return { gateway, port };
}
