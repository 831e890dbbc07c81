/**
 * The feature registry, checked two ways:
 * - statically (TypeScript's parser over src/content/features): every feature file is imported by
 *   features/index.ts, ends with exactly one `register({...})` whose id is the file's name, lists a
 *   marker and at least one test URL, and each URL is a route of one of the feature's pages;
 * - in a real Chromium with the built extension: every listed URL is visited on the sample portal
 *   (placeholders such as `{contoso}` replaced by SAMPLE tenant ids, Contoso tracked at "requested"
 *   with an original, the feature's `testSetup` interaction run first), and the feature's element
 *   `[data-csp-move="<marker>"]` must show there, with no page error. The page's diagnostic report
 *   (the runtime registry) must list exactly the features the files declare for that page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import ts from 'typescript';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DiagnosticReport } from '../../src/content/diagnostics';
import { matchRoute } from '../../src/content/pages';
import type { TestSetup } from '../../src/content/registry';
import { SAMPLE, type SampleKey } from '../fixtures/generate';
import { servePortal } from '../fixtures/portal-server';
import { launch, PORTAL, type Launched } from './harness';

const CONTENT = resolve(import.meta.dirname, '../../src/content');
const FEATURES = join(CONTENT, 'features');

interface Declared {
  file: string;
  id: string;
  marker: string;
  pages: string[];
  testUrls: string[];
  testSetup?: string;
}

// ---------------------------------------------------------------------------------------------
// Reading the declarations

function parse(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
  return e;
}

/** The `const NAME = …` initializer in the file. */
function constant(sf: ts.SourceFile, name: string): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  const visit = (n: ts.Node) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name && n.initializer) found = n.initializer;
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/** A string literal, or an array of them (spreads of file constants followed), else an explanation. */
function strings(e: ts.Expression, sf: ts.SourceFile): string[] | string {
  e = unwrap(e);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
  if (ts.isIdentifier(e)) {
    const init = constant(sf, e.text);
    return init ? strings(init, sf) : `${e.text} is not a constant of the file`;
  }
  if (!ts.isArrayLiteralExpression(e)) return `${e.getText(sf)} is not a literal`;
  const out: string[] = [];
  for (const el of e.elements) {
    const v = strings(ts.isSpreadElement(el) ? el.expression : el, sf);
    if (typeof v === 'string') return v;
    out.push(...v);
  }
  return out;
}

function property(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of obj.properties) if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name) return p.initializer;
  return undefined;
}

function registerCalls(sf: ts.SourceFile): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'register') calls.push(n);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return calls;
}

/** Test setups kept in diagnostics.ts for features whose files are being reworked elsewhere. */
function setupsDeclaredInDiagnostics(): Map<string, string> {
  const sf = parse(join(CONTENT, 'diagnostics.ts'));
  const out = new Map<string, string>();
  const table = constant(sf, 'DECLARED_HERE');
  if (!table || !ts.isObjectLiteralExpression(unwrap(table))) return out;
  for (const p of (unwrap(table) as ts.ObjectLiteralExpression).properties) {
    if (!ts.isPropertyAssignment(p) || !ts.isObjectLiteralExpression(p.initializer)) continue;
    const setup = property(p.initializer, 'testSetup');
    const v = setup && strings(setup, sf);
    if (Array.isArray(v) && v[0]) out.set((p.name as ts.StringLiteral).text, v[0]);
  }
  return out;
}

function readRegistry(): { declared: Declared[]; problems: string[] } {
  const problems: string[] = [];
  const declared: Declared[] = [];
  const index = parse(join(FEATURES, 'index.ts'));
  const imported = new Set(
    index.statements.filter(ts.isImportDeclaration).map((s) => (s.moduleSpecifier as ts.StringLiteral).text.replace(/^\.\//, '').replace(/\.tsx?$/, '')),
  );
  const setups = setupsDeclaredInDiagnostics();
  const files = readdirSync(FEATURES).filter((f) => /\.tsx?$/.test(f) && f !== 'index.ts').sort();
  for (const file of files) {
    const name = basename(file).replace(/\.tsx?$/, '');
    if (!imported.has(name)) problems.push(`${file}: not imported by features/index.ts, so never registered`);
    const sf = parse(join(FEATURES, file));
    const calls = registerCalls(sf);
    if (calls.length !== 1) {
      problems.push(`${file}: ${calls.length} register() calls (one expected)`);
      continue;
    }
    const arg = calls[0]!.arguments[0];
    if (!arg || !ts.isObjectLiteralExpression(unwrap(arg))) {
      problems.push(`${file}: register() without an object literal`);
      continue;
    }
    const obj = unwrap(arg) as ts.ObjectLiteralExpression;
    const read = (key: string): string[] => {
      const e = property(obj, key);
      const v = e ? strings(e, sf) : `no ${key}`;
      if (typeof v === 'string') {
        problems.push(`${file}: ${key}: ${v}`);
        return [];
      }
      return v;
    };
    const [id = ''] = read('id');
    const [marker = ''] = read('marker');
    const pages = read('pages');
    const testUrls = read('testUrls');
    const setup = property(obj, 'testSetup') ? read('testSetup')[0] : setups.get(id);
    if (id !== name) problems.push(`${file}: id '${id}' is not the file's name`);
    if (!/^[a-z][a-z-]*$/.test(marker)) problems.push(`${file}: marker '${marker}' is not a data-csp-move value`);
    if (testUrls.length === 0) problems.push(`${file}: lists no test URL`);
    declared.push({ file, id, marker, pages, testUrls, ...(setup ? { testSetup: setup } : {}) });
  }
  for (const name of imported) if (!files.some((f) => f.replace(/\.tsx?$/, '') === name)) problems.push(`features/index.ts imports ${name}, which is not a file`);
  return { declared, problems };
}

/** `{contoso}` → Contoso's tenant id (any SAMPLE key). */
function fill(url: string): string {
  return url.replace(/\{(\w+)\}/g, (m, key: string) => {
    const s = SAMPLE[key as SampleKey];
    if (!s) throw new Error(`${url}: ${m} is not a SAMPLE customer`);
    return s.tenantId;
  });
}

const { declared, problems: declarationProblems } = readRegistry();

describe('feature declarations (static)', () => {
  test('every feature file is imported, registers once under its own name, with a marker and test URLs', () => {
    expect(declared.length).toBeGreaterThanOrEqual(6);
    expect(declarationProblems).toEqual([]);
    const ids = declared.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("each test URL is a route of one of the feature's pages, and each test setup is known", () => {
    const wrong: string[] = [];
    for (const d of declared) {
      for (const url of d.testUrls) {
        const page = matchRoute(new URL(`${PORTAL}${fill(url)}`));
        if (!page || !d.pages.includes(page.page)) wrong.push(`${d.id}: ${url} is ${page?.page ?? 'no known page'}, not one of ${d.pages.join(', ')}`);
      }
      if (d.testSetup && !(d.testSetup in SETUPS)) wrong.push(`${d.id}: testSetup '${d.testSetup}' has no routine in registry.test.ts`);
    }
    expect(wrong).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Interactions a feature needs before its element can show

const STANDARD = 'CFQ7TTC0LDPB:0001';

const button = (page: Page, name: RegExp) => page.getByRole('button', { name });
/** Clicks without hit-testing: the overlay may cover the control. */
const press = (page: Page, name: RegExp) => button(page, name).first().dispatchEvent('click');
const samePath = (url: string) => (u: URL) => u.pathname.toLowerCase() === new URL(url).pathname.toLowerCase();

async function chooseOffer(page: Page): Promise<void> {
  await page.locator(`[id="row-${STANDARD}"]`).getByRole('radio').check();
  await page.locator('#quantity-input').fill('25');
}

async function toReview(page: Page, addProducts: string): Promise<void> {
  await page.goto(addProducts);
  await chooseOffer(page);
  await press(page, /^(Add to cart|新增至購物車)$/);
  await press(page, /^(Review|檢閱)$/);
  await page.waitForURL(samePath(`${addProducts}/review`));
}

const SETUPS: Record<TestSetup, (page: Page, url: string) => Promise<void>> = {
  /** An offer chosen in the catalogue; for the review page, in the cart and reviewed. */
  'choose-offer': async (page, url) => {
    if (/\/review\/?$/i.test(url)) return toReview(page, url.replace(/\/review\/?$/i, ''));
    await page.goto(url);
    await chooseOffer(page);
  },
  /** An order placed: the confirmation page lists it. */
  'place-order': async (page, url) => {
    await toReview(page, url.replace(/\/confirmation\/?$/i, ''));
    await press(page, /^(Place order|下訂單)$/);
    await page.waitForURL(samePath(url));
  },
  /** The reseller-relationship panel opened and its e-mail copied. */
  'request-copy': async (page, url) => {
    await page.goto(url);
    await button(page, /^(Request a reseller relationship|要求建立經銷商關係)$/).click();
    await page.getByRole('dialog').getByRole('button', { name: /^(Copy|複製)$/ }).dispatchEvent('click');
  },
};

// ---------------------------------------------------------------------------------------------
// Every listed URL, in the browser

let browser: Launched;

async function send(popup: Page, type: string, payload: unknown): Promise<void> {
  const reply = (await popup.evaluate(([type, payload]) => chrome.runtime.sendMessage({ type, payload }), [type, payload] as const)) as { ok: boolean; error?: { message: string } };
  if (!reply.ok) throw new Error(`${type}: ${reply.error?.message}`);
}

describe('each feature shows its element on each of its test URLs', () => {
  beforeAll(async () => {
    browser = await launch();
    await servePortal(browser.context, { count: 60, renderDelayMs: 30, skeletonMs: 150 });
    // A tracked customer (requested, with an original) so features that need one show.
    const popup = await browser.openPopup();
    const c = SAMPLE.contoso;
    await send(popup, 'moves/track', { customerId: c.tenantId, companyName: c.companyName, domain: c.domain });
    await send(popup, 'moves/originals', { customerId: c.tenantId, originals: [{ offer: 'Office 365 Business Premium', seats: 25, expiresOn: '2099-01-31', endBy: 'expire' }] });
    await popup.close();
  });
  afterAll(async () => {
    expect(browser.egress).toEqual([]);
    await browser?.close();
  });

  const cases = declared.flatMap((d) => d.testUrls.map((url) => [`${d.id}: [data-csp-move="${d.marker}"] on ${url}`, d, url] as const));
  test.for(cases)('%s', async ([, d, url]) => {
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    const full = `${PORTAL}${fill(url)}`;
    if (d.testSetup) await SETUPS[d.testSetup as TestSetup](page, full);
    else await page.goto(full);
    await page.locator(`[data-csp-move="${d.marker}"]`).first().waitFor({ timeout: 15_000 });

    // The runtime registry (through the page's diagnostic report) matches the files.
    const o = page.locator('[data-csp-move="overlay"]');
    await o.locator('[data-csp-move="about-open"]').click();
    const report = JSON.parse(await o.locator('[data-csp-move="diagnostic-report"]').inputValue()) as DiagnosticReport;
    const route = report.route.page ?? '';
    expect(d.pages).toContain(route);
    expect(report.features.map((f) => f.id).sort()).toEqual(declared.filter((x) => x.pages.includes(route)).map((x) => x.id).sort());
    // Honest URLs: the feature found what it relies on there.
    expect(report.features.find((f) => f.id === d.id)?.status).not.toBe('missing');
    expect(problems).toEqual([]);
    await page.close();
  });
});
