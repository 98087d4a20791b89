import { describe, expect, it } from 'vitest';
import { hashDevicePassword, verifyDevicePassword } from './password.ts';

describe('device passwords', () => {
  it('verifies the password it hashed and nothing else, never storing it in clear', async () => {
    const stored = await hashDevicePassword('123456');
    expect(stored).not.toContain('123456');
    expect(await verifyDevicePassword('123456', stored)).toBe(true);
    expect(await verifyDevicePassword('123457', stored)).toBe(false);
    expect(await hashDevicePassword('123456')).not.toBe(stored);
  });

  it('refuses a stored value of another form', async () => {
    expect(await verifyDevicePassword('123456', '123456')).toBe(false);
  });
});
