// @vitest-environment happy-dom
/**
 * The badge element (src/content/features/customer-badges/badge.ts): what it shows, and that
 * showing the same again writes nothing to the page (every write wakes the page's own observers,
 * and the grid's rows are badged again at every re-render).
 */
import { describe, expect, it } from 'vitest';
import { createBadge, updateBadge, type BadgeView } from '../../../src/content/features/customer-badges/badge';
import type { BadgeFact } from '../../../src/shared/badge-facts';

const ID = '0f2d8e5c-3b1a-4c7d-9e6f-1a2b3c4d5e6f';
const fact: BadgeFact = { step: 'requested', urgency: 'urgent', action: 'nudge-customer', expiresOn: '2026-05-13' };
const view: BadgeView = { text: 'Requested · 3 days left · urgent', title: 'CSP: Nudge', urgency: 'urgent', days: 3 };

describe('a badge', () => {
  it('shows its view, writes nothing when shown the same again, and changes with a new view', async () => {
    const badge = createBadge(ID);
    document.body.append(badge);
    updateBadge(badge, fact, view);
    const span = badge.shadowRoot!.querySelector('span')!;
    expect([badge.getAttribute('data-step'), badge.getAttribute('data-urgency'), badge.getAttribute('data-days'), badge.title]).toEqual(['requested', 'urgent', '3', 'CSP: Nudge']);
    expect([span.className, span.textContent]).toEqual(['urgent', view.text]);

    const records: MutationRecord[] = [];
    const observer = new MutationObserver((r) => records.push(...r));
    observer.observe(badge, { attributes: true, subtree: true, childList: true, characterData: true });
    observer.observe(badge.shadowRoot!, { attributes: true, subtree: true, childList: true, characterData: true });
    updateBadge(badge, fact, { ...view });
    await Promise.resolve();
    records.push(...observer.takeRecords());
    expect(records).toEqual([]);

    const later: BadgeView = { text: 'Requested · expires Sep 1, 2026', title: 'CSP: Nudge', urgency: 'none' };
    updateBadge(badge, { ...fact, urgency: 'none', expiresOn: '2026-09-01' }, later);
    records.push(...observer.takeRecords());
    expect(records.length).toBeGreaterThan(0);
    expect([badge.getAttribute('data-urgency'), badge.hasAttribute('data-days'), span.className, span.textContent]).toEqual(['none', false, 'none', later.text]);
    observer.disconnect();
  });
});
