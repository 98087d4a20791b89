/** 超标事件 as the API and the inboxes show it: times in CST, duration in hours, 超标倍数. */
import { cstIso } from '../monitoring/data/time.ts';
import { multipleOf } from './exceedance.ts';
import type { ExceedanceView } from './store.ts';

export function exceedanceJson(event: ExceedanceView) {
  const { enterprise, startedAt, endedAt, closedAt, acknowledgedAt, ...rest } = event;
  return {
    ...rest,
    enterprise: { id: enterprise.id, name: enterprise.name, districtId: enterprise.districtId },
    startedAt: cstIso(startedAt),
    endedAt: cstIso(endedAt),
    closedAt: closedAt && cstIso(closedAt),
    acknowledgedAt: acknowledgedAt && cstIso(acknowledgedAt),
    durationHours: Math.round((endedAt.getTime() - startedAt.getTime()) / 360_000) / 10,
    multiple: multipleOf(event.peakValue, event.limitValue),
  };
}
