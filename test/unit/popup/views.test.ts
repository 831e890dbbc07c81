import { describe, expect, test } from 'vitest';
import type { CsvError } from '../../../src/core/csv';
import { createMove } from '../../../src/core/steps';
import { countIcsEvents } from '../../../src/popup/DataView';
import { describeCsvError } from '../../../src/popup/ImportView';

const NOW = new Date('2026-03-10T09:00:00Z');

describe('countIcsEvents (the busy message of the calendar export)', () => {
  test('one event per original of an open move, plus one per reminder lead of 1 day or more', () => {
    const open = createMove({ customerId: '00000000-0000-4000-8000-000000000001', companyName: 'A', originals: [
      { offer: 'E3', seats: 1, expiresOn: '2027-01-01', endBy: 'expire' },
      { offer: 'E1', seats: 1, expiresOn: '2027-02-01', endBy: 'expire' },
    ] }, NOW);
    const done = { ...createMove({ customerId: '00000000-0000-4000-8000-000000000002', companyName: 'B', originals: [{ offer: 'E3', seats: 1, expiresOn: '2027-01-01', endBy: 'expire' }] }, NOW), step: 'done' as const };
    expect(countIcsEvents([open, done], [60, 30, 7, 0, 30])).toBe(2 * 4);
    expect(countIcsEvents([open], [])).toBe(2);
    expect(countIcsEvents([], [7])).toBe(0);
  });
});

describe('describeCsvError', () => {
  const e: CsvError = { row: 3, column: 'seats', code: 'bad-seats', value: '-3', message: 'Row 3, column "seats": "-3" is negative: seats must be 0 or more.' };

  test('English: the core message as it is (row, column, why, value)', () => {
    expect(describeCsvError(e, true)).toEqual({ main: e.message });
  });

  test('other languages: localized parts, the value, and the English detail', () => {
    // Unit tests have no messages: t() shows keys, which is enough to see the parts used.
    const d = describeCsvError(e, false);
    expect(d.main).toContain('popup_csvError_bad-seats');
    expect(d.main).toContain('“-3”');
    expect(d.detail).toBe(e.message);
    expect(describeCsvError({ row: 0, code: 'empty-file', message: 'The file is empty.' }, false).detail).toBe('The file is empty.');
  });
});
