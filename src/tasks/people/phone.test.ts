import { describe, expect, it } from 'vitest';
import { PHONE_PATTERN } from './phone.ts';

const phone = new RegExp(PHONE_PATTERN);

describe('phone numbers of 包保责任人', () => {
  it('takes mobile numbers and landlines with their area code', () => {
    for (const ok of ['13800000001', '19912345678', '0827-5261234', '08275261234', '010-12345678', '0827-5261234-801']) expect(phone.test(ok), ok).toBe(true);
  });
  it('refuses numbers without area code, too short, or with other characters', () => {
    for (const bad of ['5261234', '12345678901', '1380000000', '+8613800000001', '0827 5261234', '12369']) expect(phone.test(bad), bad).toBe(false);
  });
});
