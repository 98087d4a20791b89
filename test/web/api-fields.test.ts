import { describe, expect, it } from 'vitest';
import { normaliseField } from '../../web/src/api.ts';

describe('problem fields shown under form fields', () => {
  it('keeps the top-level property of a validation path', () => {
    expect(normaliseField('/body/displayName')).toBe('displayName');
    expect(normaliseField('members.0.phone')).toBe('members');
    expect(normaliseField('name')).toBe('name');
  });

  it('keeps a label of rows and columns whole, dots and all', () => {
    expect(normaliseField('第5行 PM2.5')).toBe('第5行 PM2.5');
    expect(normaliseField('第3行 时间')).toBe('第3行 时间');
  });
});
