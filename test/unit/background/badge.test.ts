/** The toolbar badge: set only when what it shows changes, and set again after a failed call. */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, expect, test } from 'vitest';
import { BADGE_COLOURS, badgeText, showBadge } from '../../../src/background/badge';

let calls: string[];
let failNext = false;

beforeEach(() => {
  calls = [];
  (fakeBrowser as unknown as Record<string, unknown>).action = {
    setBadgeText: async ({ text }: { text: string }) => {
      if (failNext) {
        failNext = false;
        throw new Error('no tab strip');
      }
      calls.push(`text ${text}`);
    },
    setBadgeBackgroundColor: async ({ color }: { color: string }) => void calls.push(`color ${color}`),
  };
});

test('the count and colour are set once; the same badge again costs no call', async () => {
  await showBadge({ count: 7, worst: 'urgent' }, false);
  expect(calls).toEqual(['text 7', `color ${BADGE_COLOURS.urgent}`]);
  await showBadge({ count: 7, worst: 'urgent' }, false);
  expect(calls).toHaveLength(2);
  await showBadge({ count: 8, worst: 'urgent' }, false);
  expect(calls.slice(2)).toEqual(['text 8', `color ${BADGE_COLOURS.urgent}`]);
  await showBadge({ count: 8, worst: 'overdue' }, false);
  expect(calls.slice(4)).toEqual(['text 8', `color ${BADGE_COLOURS.overdue}`]);
});

test('a storage problem shows "!" in the overdue colour, whatever the count', async () => {
  await showBadge({ count: 3, worst: 'other' }, true);
  expect(calls).toEqual(['text !', `color ${BADGE_COLOURS.overdue}`]);
});

test('after a failed call the same badge is set again', async () => {
  failNext = true;
  await expect(showBadge({ count: 41, worst: 'other' }, false)).rejects.toThrow('no tab strip');
  await showBadge({ count: 41, worst: 'other' }, false);
  expect(calls).toContain('text 41');
});

test('badge text: empty at none, the count, 999+ past 999', () => {
  expect([badgeText(0), badgeText(5), badgeText(999), badgeText(1000)]).toEqual(['', '5', '999', '999+']);
});
