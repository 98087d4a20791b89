/** 监测预警 as the API gives them: times in China Standard Time, the duration, and the alert in words. */
import type { Db } from '../../db/connect.ts';
import { cstIso } from '../data/time.ts';
import { listAlerts, type AlertView } from './store.ts';
import { alertText, alertTitle, type AlertFacts } from './text.ts';

/** What the words of an alert are made from. */
export function factsOf(alert: AlertView): AlertFacts {
  return {
    kind: alert.kind,
    siteName: alert.site.name,
    districtName: alert.site.districtName,
    openedAt: cstIso(alert.openedAt),
    lastSeenAt: cstIso(alert.lastSeenAt),
    detail: alert.detail,
    standard: alert.standard,
    demo: alert.demo,
  };
}

/** An alert as the API gives it: times in CST, its duration and its words. */
export function alertJson(alert: AlertView, now = new Date()) {
  const facts = factsOf(alert);
  // An open alert lasts until now: its condition holds until new data say otherwise.
  const end = alert.closedAt ?? now;
  return {
    ...alert,
    ...facts,
    closedAt: alert.closedAt && cstIso(alert.closedAt),
    acknowledgedAt: alert.acknowledgedAt && cstIso(alert.acknowledgedAt),
    durationHours: Math.max(0, Math.round((end.getTime() - alert.openedAt.getTime()) / 360_000) / 10),
    title: alertTitle(facts),
    summary: alertText(facts),
  };
}

/** The open alerts an organisation answers for (its inbox). */
export async function openAlertsOf(db: Db, organisationId: number | null) {
  if (organisationId === null) return [];
  const { items } = await listAlerts(db, { status: 'open', organisationId });
  return items.map((alert) => alertJson(alert));
}
