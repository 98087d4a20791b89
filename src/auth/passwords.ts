import { randomInt } from 'node:crypto';
import argon2 from 'argon2';

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

// No 0/O, 1/l/I: a one-time password is read off a screen and typed.
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';

/** 16 characters from a CSPRNG, with at least one of each class so it passes the policy itself. */
export function generateOneTimePassword(length = 16): string {
  const all = LOWER + UPPER + DIGITS;
  const pick = (set: string) => set[randomInt(set.length)]!;
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS)];
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

export const PASSWORD_MIN_LENGTH = 10;

/** Reasons a new password is refused, in Chinese for the user; empty when acceptable. */
export function passwordProblems(password: string, context: { username: string; current?: string }): string[] {
  const problems: string[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push(`密码至少 ${PASSWORD_MIN_LENGTH} 位`);
  if ([...password].length > 128) problems.push('密码不能超过 128 位');
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) problems.push('密码须同时包含字母和数字');
  if (password.toLowerCase().includes(context.username.toLowerCase())) problems.push('密码不能包含用户名');
  if (context.current !== undefined && password === context.current) problems.push('新密码不能与当前密码相同');
  return problems;
}
