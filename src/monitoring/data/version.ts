/**
 * A counter of this process's writes to the monitoring store, for caches of figures computed from it
 * (the yearly figures 目标指标 reads). Writers bump it when they write; a cache entry made at another
 * count is stale. Another process's writes (a second server on the same PostgreSQL) are not counted:
 * caches also expire after a short time for them.
 */
let writes = 0;

export function monitoringDataWritten(): void {
  writes += 1;
}

export function monitoringDataVersion(): number {
  return writes;
}
