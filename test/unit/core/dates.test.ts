import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  isIsoDate,
  isIsoInstant,
  isoDateFromParts,
  localDay,
  localInstant,
} from '../../../src/core/dates';

/** Any real day 1000-01-01 … 9999-12-31, built independently of the code under test. */
const isoDateArb = fc
  .date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const offsetArb = fc.integer({ min: -50_000, max: 50_000 });

describe('isIsoDate', () => {
  it.each(['2026-01-01', '2024-02-29', '2000-02-29', '1000-01-01', '9999-12-31', '2026-12-31'])('accepts %s', (s) => {
    expect(isIsoDate(s)).toBe(true);
  });

  it.each([
    ['2026-02-30', 'no such day'],
    ['2026-02-29', 'not a leap year'],
    ['1900-02-29', 'century, not a leap year'],
    ['2026-04-31', 'April has 30 days'],
    ['2026-13-01', 'month 13'],
    ['2026-00-10', 'month 0'],
    ['2026-01-00', 'day 0'],
    ['2026-01-32', 'day 32'],
    ['0999-12-31', 'before year 1000'],
    ['0050-01-01', 'two-digit years roll over in Date.UTC'],
    ['26-01-01', 'short year'],
    ['2026-1-01', 'short month'],
    ['2026-01-1', 'short day'],
    ['2026/01/01', 'slashes'],
    [' 2026-01-01', 'leading space'],
    ['2026-01-01 ', 'trailing space'],
    ['2026-01-01\n', 'trailing newline'],
    ['2026-01-01T00:00:00Z', 'an instant'],
    ['+02026-01-01', 'expanded year'],
    ['２０２６-01-01', 'full-width digits'],
    ['', 'empty'],
  ])('rejects %s (%s)', (s) => {
    expect(isIsoDate(s)).toBe(false);
  });

  it.each([[null], [undefined], [20260101], [new Date('2026-01-01')], [{}]])('rejects non-string %s', (v) => {
    expect(isIsoDate(v)).toBe(false);
  });

  it('agrees with Date for every generated day', () => {
    fc.assert(fc.property(isoDateArb, (d) => isIsoDate(d)));
  });
});

describe('isIsoInstant', () => {
  it.each(['2026-03-01T10:20:30.123Z', '2026-03-01T10:20:30Z', '2026-03-01T00:00:00.5Z', new Date(0).toISOString()])(
    'accepts %s',
    (s) => {
      expect(isIsoInstant(s)).toBe(true);
    },
  );

  it.each([
    '2026-02-30T00:00:00Z', // Date.parse rolls this over to 2 March
    '2026-01-01T24:00:00Z', // Date.parse reads it as the next day
    '2026-01-01T23:60:00Z',
    '2026-01-01T10:00:00+01:00',
    '2026-01-01T10:00:00',
    '2026-01-01',
    '0999-01-01T00:00:00Z',
    '2026-01-01T10:00:00.1234Z',
    'nonsense',
  ])('rejects %s', (s) => {
    expect(isIsoInstant(s)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(isIsoInstant(Date.now())).toBe(false);
    expect(isIsoInstant(undefined)).toBe(false);
  });

  it('accepts whatever toISOString writes in range', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
        (d) => isIsoInstant(d.toISOString()),
      ),
    );
  });
});

describe('isoDateFromParts', () => {
  it('builds a padded date', () => {
    expect(isoDateFromParts(2026, 3, 7)).toBe('2026-03-07');
    expect(isoDateFromParts(1000, 1, 1)).toBe('1000-01-01');
    expect(isoDateFromParts(9999, 12, 31)).toBe('9999-12-31');
  });

  it.each([
    [2026, 2, 30],
    [2026, 13, 1],
    [2026, 0, 1],
    [2026, 1, 0],
    [999, 12, 31],
    [10000, 1, 1],
    [2026.5, 1, 1],
    [2026, 1.5, 1],
    [2026, 1, 1.5],
    [NaN, 1, 1],
    [-2026, 1, 1],
  ])('rejects %s-%s-%s', (y, m, d) => {
    expect(isoDateFromParts(y, m, d)).toBeNull();
  });
});

describe('daysBetween', () => {
  it('counts whole days, signed', () => {
    expect(daysBetween('2026-01-01', '2026-01-01')).toBe(0);
    expect(daysBetween('2026-01-01', '2026-01-02')).toBe(1);
    expect(daysBetween('2026-01-02', '2026-01-01')).toBe(-1);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
  });

  it('crosses DST days as whole days', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2); // Europe springs forward on 29 March 2026
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
  });

  it('throws a RangeError naming the bad date, on either side', () => {
    expect(() => daysBetween('2026-02-30', '2026-01-01')).toThrow(new RangeError('Not a calendar date: 2026-02-30'));
    expect(() => daysBetween('2026-01-01', 'soon')).toThrow(new RangeError('Not a calendar date: soon'));
  });

  it('is antisymmetric and additive', () => {
    fc.assert(
      fc.property(isoDateArb, isoDateArb, isoDateArb, (a, b, c) => {
        expect(daysBetween(a, b) + daysBetween(b, a)).toBe(0);
        expect(daysBetween(a, b) + daysBetween(b, c)).toBe(daysBetween(a, c));
      }),
    );
  });

  it('orders like string comparison', () => {
    fc.assert(fc.property(isoDateArb, isoDateArb, (a, b) => Math.sign(daysBetween(a, b)) === Math.sign(b.localeCompare(a))));
  });
});

describe('addDays', () => {
  it('adds and subtracts across months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-05-10', 0)).toBe('2026-05-10');
    expect(addDays('2026-05-10', -60)).toBe('2026-03-11');
  });

  it('reaches the ends of the range and refuses to pass them', () => {
    expect(addDays('9999-12-30', 1)).toBe('9999-12-31');
    expect(addDays('1000-01-02', -1)).toBe('1000-01-01');
    expect(() => addDays('9999-12-31', 1)).toThrow(new RangeError('Date out of range (years 1000–9999)'));
    expect(() => addDays('1000-01-01', -1)).toThrow(new RangeError('Date out of range (years 1000–9999)'));
  });

  it.each([1.5, -0.5, NaN, Infinity, 2 ** 60])('refuses %s days', (n) => {
    expect(() => addDays('2026-01-01', n)).toThrow(new RangeError(`Not a whole number of days: ${n}`));
  });

  it('refuses a bad date', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(new RangeError('Not a calendar date: 2026-02-30'));
  });

  it('is the inverse of daysBetween', () => {
    fc.assert(
      fc.property(isoDateArb, offsetArb, (d, n) => {
        fc.pre(daysBetween('1000-01-01', d) + n >= 0 && daysBetween(d, '9999-12-31') - n >= 0);
        const moved = addDays(d, n);
        expect(isIsoDate(moved)).toBe(true);
        expect(daysBetween(d, moved)).toBe(n);
        expect(addDays(moved, -n)).toBe(d);
      }),
    );
  });

  it('always yields a valid, distinct day for a non-zero step', () => {
    fc.assert(
      fc.property(isoDateArb, fc.integer({ min: 1, max: 400 }), (d, n) => {
        fc.pre(d < '9998-01-01');
        return addDays(d, n) > d && isIsoDate(addDays(d, n));
      }),
    );
  });
});

describe('localDay and localInstant (this process time zone)', () => {
  it('reads the local calendar day of an instant', () => {
    const d = new Date(2026, 6, 4, 23, 59, 59);
    expect(localDay(d)).toBe('2026-07-04');
    expect(localDay(new Date(2026, 6, 5, 0, 0, 0))).toBe('2026-07-05');
  });

  it('throws for an invalid Date instead of returning null as a string', () => {
    expect(() => localDay(new Date(NaN))).toThrow(new RangeError('Not a usable instant: Invalid Date'));
  });

  it('throws for an instant outside years 1000–9999', () => {
    expect(() => localDay(new Date(Date.UTC(10_000, 5, 1)))).toThrow(RangeError);
  });

  it('starts the local day at local midnight plus the hour', () => {
    expect(localInstant('2026-07-04')).toBe(new Date(2026, 6, 4).getTime());
    expect(localInstant('2026-07-04', 9)).toBe(new Date(2026, 6, 4, 9).getTime());
    expect(localInstant('2026-07-04', 23)).toBe(new Date(2026, 6, 4, 23).getTime());
  });

  it.each([-1, 24, 1.5, NaN])('refuses hour %s', (h) => {
    expect(() => localInstant('2026-07-04', h)).toThrow(new RangeError(`Not an hour of the day: ${h}`));
  });

  it('refuses a bad date', () => {
    expect(() => localInstant('2026-02-30')).toThrow(new RangeError('Not a calendar date: 2026-02-30'));
  });

  it('round-trips localInstant → localDay for any day and hour', () => {
    fc.assert(
      fc.property(isoDateArb, fc.integer({ min: 0, max: 23 }), (d, h) => {
        fc.pre(d > '1900-01-01' && d < '9999-12-31');
        expect(localDay(new Date(localInstant(d, h)))).toBe(d);
      }),
    );
  });
});
