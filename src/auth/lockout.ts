/** After a failed login: the new failure count and, once the limit is reached, until when the account is locked. */
export function afterFailedLogin(
  failedLogins: number,
  now: Date,
  policy: { maxFailures: number; lockMinutes: number },
): { failedLogins: number; lockedUntil: Date | null } {
  const failures = failedLogins + 1;
  if (failures >= policy.maxFailures) {
    return { failedLogins: 0, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000) };
  }
  return { failedLogins: failures, lockedUntil: null };
}

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

/** A session ends at its absolute limit or after idling, whichever comes first. */
export function sessionExpired(
  session: { createdAt: Date; lastSeenAt: Date; expiresAt: Date },
  now: Date,
  idleMinutes: number,
): boolean {
  return now >= session.expiresAt || now.getTime() - session.lastSeenAt.getTime() > idleMinutes * 60_000;
}
