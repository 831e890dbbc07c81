/**
 * The feature registry, without a browser: the registrations as the source declares them (one
 * folder per feature, one `register(import.meta.url, …)`, imported by features/index.ts, a marker,
 * test URLs that are routes of the feature's pages, a `load` of a file of the feature), and the
 * registry they build at run time (ids derived from the folders; shared anchors declared once).
 * test/e2e/registry.test.ts visits every test URL in Chromium.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../../src/content/features';
import { GRID, GRID_ROWS, CUSTOMER_DETAILS } from '../../../src/content/anchors';
import { matchRoute, ROUTES } from '../../../src/content/pages';
import { featureId, featuresFor, register } from '../../../src/content/registry';
import { FEATURES, readRegistry } from '../../fixtures/feature-registry';
import { SAMPLE, type SampleKey } from '../../fixtures/generate';

const { declared, problems } = readRegistry();

const fill = (url: string) => url.replace(/\{(\w+)\}/g, (m, key: string) => SAMPLE[key as SampleKey]?.tenantId ?? m);

describe('feature registrations (source)', () => {
  it('one folder per feature, imported once, one register(import.meta.url, …) with a marker, test URLs and a load', () => {
    expect(declared.length).toBeGreaterThanOrEqual(6);
    expect(problems).toEqual([]);
  });

  it('each feature has a name in the partner\'s words for "About this page" (never its id)', () => {
    const about = readFileSync(join(__dirname, '../../../src/content/ui/about-page.tsx'), 'utf8');
    expect(declared.filter((d) => !about.includes(`'${d.id}': 'featureName_`)).map((d) => d.id)).toEqual([]);
  });

  it("each test URL is a route of one of the feature's pages", () => {
    const wrong: string[] = [];
    for (const d of declared) {
      for (const url of d.testUrls) {
        const page = matchRoute(new URL(`https://partner.microsoft.com${fill(url)}`));
        if (!page || !d.pages.includes(page.page)) wrong.push(`${d.id}: ${url} is ${page?.page ?? 'no known page'}, not one of ${d.pages.join(', ')}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the shared anchors are declared once: no feature spells out a grid, its rows or the customer details again', () => {
    const again: string[] = [];
    for (const id of readdirSync(FEATURES).filter((f) => statSync(join(FEATURES, f)).isDirectory())) {
      const src = readFileSync(join(FEATURES, id, 'index.ts'), 'utf8');
      for (const a of [GRID, GRID_ROWS, CUSTOMER_DETAILS]) if (src.includes(`id: '${a.id}'`)) again.push(`${id}: ${a.id}`);
    }
    expect(again).toEqual([]);
  });
});

describe('the registry at run time', () => {
  it('holds every declared feature under its folder name, on the declared pages', () => {
    for (const { page } of ROUTES) {
      const running = featuresFor(page).map((f) => f.id).sort();
      expect(running, page).toEqual(declared.filter((d) => d.pages.includes(page)).map((d) => d.id).sort());
    }
  });

  it('derives the id from the registration file, and refuses any other place', () => {
    expect(featureId('file:///repo/src/content/features/offer-match/index.ts')).toBe('offer-match');
    expect(featureId('/src/content/features/customer-badges/index.ts')).toBe('customer-badges');
    expect(() => featureId('file:///repo/src/content/features/offer-match/offer-match.tsx')).toThrow(/features\/<id>\/index\.ts/);
    expect(() => featureId('file:///repo/src/content/offer-match/index.ts')).toThrow();
    expect(() => featureId('chrome-extension://abc/assets/index-1234.js')).toThrow();
  });

  it('refuses a second registration under the same id', () => {
    const load = () => Promise.resolve({ default: () => undefined });
    expect(() => register('file:///repo/src/content/features/offer-match/index.ts', { pages: [], load, marker: 'x', testUrls: [] })).toThrow(/registered twice/);
  });

  it("loads each feature's code as its own module, whose default export is its init", async () => {
    for (const { page } of ROUTES) for (const f of featuresFor(page)) expect(typeof (await f.load()).default, f.id).toBe('function');
  }, 30_000);
});
