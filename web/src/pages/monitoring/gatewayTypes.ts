// The gateway API's shapes as the gateway page reads them (src/gateway/routes.ts).

export interface GatewayInstance {
  instance: string;
  host: string;
  port: number;
  startedAt: string;
  updatedAt: string;
  ageSeconds: number;
  running: boolean;
  connections: number;
  devicesOnline: number;
  packets: Record<string, number>;
  acknowledged: number;
  refused: number;
  malformed: number;
}

export interface GatewayStatus {
  running: boolean;
  instances: GatewayInstance[];
}

export interface GatewayDevice {
  id: number;
  mn: string;
  name: string | null;
  kind: 'air' | 'outlet';
  site: { id: number; code: string; name: string } | null;
  outlet: { id: number; label: string } | null;
  st: string;
  version: string | null;
  flagProfile: string;
  active: boolean;
  note: string | null;
  online: boolean;
  address: string | null;
  connectedSince: string | null;
  lastSeenAt: string | null;
  packetsLastHour: number;
  malformedCount: number;
}

export type CommandState = 'pending' | 'sent' | 'accepted' | 'done' | 'refused' | 'failed' | 'expired';

export interface GatewayCommand {
  id: number;
  cn: string;
  kind: 'get-time' | 'set-time' | null;
  qn: string;
  cp: Record<string, string>;
  state: CommandState;
  qnRtn: number | null;
  exeRtn: number | null;
  result: { deviceTime?: string | null; offsetSeconds?: number; systemTime?: string; error?: string } | null;
  requestedBy: { id: number; name: string } | null;
  requestedAt: string;
  sentAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

export interface GatewayReading {
  cn: string;
  factorCode: string;
  dataTime: string;
  value: string | null;
  zsValue: string | null;
  flag: string | null;
  valid: boolean;
  invalidReason: string | null;
}

export interface GatewayDeviceDetail extends GatewayDevice {
  codes: { factorCode: string; parameter: string; deviceUnit: string; scale: string }[];
  readings: GatewayReading[];
  airHour: { observedAt: string; values: { parameter: string; value: string; valid: boolean; invalidReason: string | null }[] } | null;
  malformed: { count: number; last: { at: string; reason: string; text: string }[] };
  commands: GatewayCommand[];
}

export const UNFINISHED: readonly CommandState[] = ['pending', 'sent', 'accepted'];

/** Any ISO time as Beijing time "YYYY-MM-DD HH:mm:ss". */
export const stamp = (iso: string | null | undefined) =>
  iso ? new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ') : '—';
