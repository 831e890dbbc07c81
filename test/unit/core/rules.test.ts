/**
 * The end-of-term rules as callers see them (paths.test.ts covers the main dates): a refused
 * program, what an unknown rule leaves out, the purchase days read in any order, and the rules
 * table as the module is loaded.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ProvisionedSubscription } from '../../../src/core/model';
import { DEFAULT_RULE_SETTINGS as R, endRule, openCancelWindow, overlap, serviceEnd, termDates } from '../../../src/core/rules';

const line = (provisionedOn: string, id: string): ProvisionedSubscription => ({ id, offer: 'Office 365 E3', seats: 5, provisionedOn });

describe('endRule', () => {
  it('refuses what is not a program, naming it', () => {
    expect(() => endRule('teleport' as never)).toThrow(RangeError);
    expect(() => endRule('teleport' as never)).toThrow('Not a program: teleport');
    expect(() => serviceEnd('teleport' as never, '2026-06-30')).toThrow(RangeError);
  });
});

describe('termDates', () => {
  it('an unknown rule states no service end at all (not an undefined one)', () => {
    for (const program of ['other', 'other-partner', 'unknown'] as const) {
      const dates = termDates(program, '2026-06-30', R);
      expect(Object.keys(dates)).not.toContain('serviceEnd');
      expect(dates.ruleKnown).toBe(false);
    }
    expect(Object.keys(termDates('ea', '2026-06-30', R))).toContain('serviceEnd');
  });
});

describe('overlap', () => {
  const originals = [{ id: 'o1', offer: 'Office 365 E3', seats: 5, expiresOn: '2026-06-30', endBy: 'expire' as const }];

  it('counts from the earliest purchase, whatever the order the lines were recorded in', () => {
    const m = { program: 'direct' as const, originals, provisioned: [line('2026-06-20', 'p1'), line('2026-05-20', 'p2')] };
    expect(overlap(m, R)).toEqual({ days: 41, early: true, warnDays: 30, recorded: true, purchaseDay: '2026-05-20', endDate: '2026-06-30' });
  });
});

describe('openCancelWindow', () => {
  it('follows the latest purchase, whatever the order the lines were recorded in', () => {
    const m = { provisioned: [line('2026-03-10', 'p1'), line('2026-03-02', 'p2')] };
    expect(openCancelWindow(m, '2026-03-12')).toEqual({ until: '2026-03-16', daysLeft: 4 });
  });
});

describe('the rules table, as the module is loaded', () => {
  // The table is built once, when the module is loaded: load it anew, as the extension does.
  async function fresh() {
    vi.resetModules();
    return import('../../../src/core/rules');
  }

  it('direct and Open: 30 days of access, provision by the end date, source "expires"', async () => {
    const { endRule: rule, termDates: dates } = await fresh();
    for (const program of ['direct', 'open'] as const) {
      expect(rule(program)).toEqual({ accessDaysAfterEnd: 30, suggest: 'end-date', source: 'ruleSource_expires' });
      expect(dates(program, '2026-06-30', R)).toMatchObject({ serviceEnd: '2026-07-30', provisionBy: '2026-07-29', suggestedDay: '2026-06-30' });
    }
  });

  it('EA: no access after the end date, a lead before it, source "volume licensing"', async () => {
    const { endRule: rule, termDates: dates } = await fresh();
    expect(rule('ea')).toEqual({ accessDaysAfterEnd: 0, suggest: 'lead', source: 'ruleSource_volume_licensing' });
    expect(dates('ea', '2026-06-30', R)).toMatchObject({ serviceEnd: '2026-06-30', provisionBy: '2026-06-29', suggestedDay: '2026-06-27' });
  });

  it('another partner, another program: rule unknown; no program chosen: says so', async () => {
    const { endRule: rule, termDates: dates } = await fresh();
    expect(rule('other-partner')).toEqual({ suggest: 'lead', source: 'ruleSource_unknown' });
    expect(rule('other')).toEqual({ suggest: 'lead', source: 'ruleSource_unknown' });
    expect(rule('unknown')).toEqual({ suggest: 'lead', source: 'ruleSource_program_unknown' });
    for (const program of ['other-partner', 'other', 'unknown'] as const) {
      expect(dates(program, '2026-06-30', R)).toMatchObject({ provisionBy: '2026-06-29', suggestedDay: '2026-06-27', ruleKnown: false });
    }
  });
});
