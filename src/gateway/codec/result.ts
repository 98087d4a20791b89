/** Expected faults in what a device sends are values, not exceptions: the gateway logs and counts them. */
export type Result<Value, Fault> = { ok: true; value: Value } | { ok: false; fault: Fault };

export const ok = <Value>(value: Value): { ok: true; value: Value } => ({ ok: true, value });
export const fail = <Fault>(fault: Fault): { ok: false; fault: Fault } => ({ ok: false, fault });
