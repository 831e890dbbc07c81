/**
 * The customer id (a tenant id, a GUID): what is accepted as one, its canonical lower-case form,
 * and the GUID patterns other modules build on (grid row ids, page addresses).
 */
import { describe, expect, it } from 'vitest';
import { GUID, GUID_RE, toCustomerId } from '../../../src/core/model';

const ID = '6f1c1a2e-1b2c-4d3e-8f90-a1b2c3d4e5f6';

describe('toCustomerId', () => {
  it('accepts a GUID, trimmed and in lower case', () => {
    expect(toCustomerId(ID)).toBe(ID);
    expect(toCustomerId(`  ${ID.toUpperCase()}\n`)).toBe(ID);
  });

  it('refuses what is not exactly one GUID', () => {
    expect(toCustomerId('')).toBeNull();
    expect(toCustomerId('contoso.com')).toBeNull();
    expect(toCustomerId(ID.slice(0, -1))).toBeNull();
    expect(toCustomerId(`${ID}0`)).toBeNull();
    expect(toCustomerId(`x${ID}`)).toBeNull();
    expect(toCustomerId(`${ID} ${ID}`)).toBeNull();
    expect(toCustomerId(ID.replace(/-/g, ''))).toBeNull();
    expect(toCustomerId(ID.replace('a', 'g'))).toBeNull();
  });
});

describe('GUID patterns', () => {
  it('GUID_RE matches one whole GUID in either case', () => {
    expect(GUID_RE.test(ID)).toBe(true);
    expect(GUID_RE.test(ID.toUpperCase())).toBe(true);
    expect(GUID_RE.test(`row-${ID}`)).toBe(false);
    expect(GUID_RE.test(`${ID}/subscriptions`)).toBe(false);
  });

  it('GUID finds the GUID inside a longer text (a row id, an address)', () => {
    const m = new RegExp(`^row-(${GUID})$`).exec(`row-${ID}`);
    expect(m?.[1]).toBe(ID);
    expect(new RegExp(`^row-(${GUID})$`).test('row-')).toBe(false);
  });
});
