/**
 * Dates, more: what dates.test.ts leaves open (a non-string that reads like an instant, a legacy
 * date string carrying an instant), and the patterns as the module is loaded.
 */
import { describe, expect, it, vi } from 'vitest';
import { isIsoInstant } from '../../../src/core/dates';

const INSTANT = '2026-03-01T10:20:30.000Z';

describe('isIsoInstant', () => {
  it('rejects a non-string, even one that converts to an instant', () => {
    expect(isIsoInstant({ toString: () => INSTANT })).toBe(false);
    expect(isIsoInstant([INSTANT])).toBe(false);
  });

  it('rejects text that only ends with an instant (Date.parse would read it)', () => {
    const legacy = '2026-03-01 10:20:30 GMT (2026-03-01T10:20:30Z';
    expect(Number.isNaN(Date.parse(legacy))).toBe(false);
    expect(isIsoInstant(legacy)).toBe(false);
  });
});

describe('the patterns, as the module is loaded', () => {
  // The patterns are compiled once, when the module is loaded: load it anew, as the extension does.
  async function fresh() {
    vi.resetModules();
    return import('../../../src/core/dates');
  }

  it('an ISO date is the whole string', async () => {
    const { isIsoDate } = await fresh();
    expect(isIsoDate('2026-01-01')).toBe(true);
    for (const s of [' 2026-01-01', 'x2026-01-01', '2026-01-01 ', '2026-01-01x', '2026-01-01T00:00:00Z']) expect(isIsoDate(s)).toBe(false);
  });

  it('an instant is exactly what toISOString writes', async () => {
    const { isIsoInstant: instant } = await fresh();
    for (const s of ['2026-03-01T10:20:30.123Z', '2026-03-01T10:20:30.12Z', '2026-03-01T10:20:30.1Z', '2026-03-01T10:20:30Z', '1999-12-31T23:59:59.999Z']) {
      expect(instant(s)).toBe(true);
    }
    for (const s of ['2026-03-01 10:20:30 GMT (2026-03-01T10:20:30Z', '2026-03-01T10:20:30.1234Z', '2026-03-01T10:20:30.Z', '2026-03-01T10:20Z']) {
      expect(instant(s)).toBe(false);
    }
  });
});
