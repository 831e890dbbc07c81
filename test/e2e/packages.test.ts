/**
 * `npm run zip`: both builds, then the store packages (written to a temporary folder here, not
 * release/). Lists each zip's entries: manifest.json at the root with package.json's version, every
 * file the manifest and the pages reference present, nothing else shipped (no source maps, sources,
 * tests or build metadata), and the same files as the build output. No browser needed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPackage, FORBIDDEN, manifestFiles, packageName, readZip, TARGETS, type Target, type ZipEntry } from '../../scripts/zip';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { name: string; version: string };
const out = mkdtempSync(join(tmpdir(), 'csp-move-zip-'));
let output = '';

beforeAll(() => {
  const r = spawnSync('npm', ['run', 'zip', '--', '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 240_000, env: { ...process.env, NO_UPDATE_NOTIFIER: '1' } });
  output = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0) throw new Error(`npm run zip failed (${r.status}):\n${output}`);
}, 300_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Files a page or script loads by relative or root path: <script src>, <link href>, static and dynamic imports, workers. */
function referencedBy(entry: ZipEntry): string[] {
  const text = entry.read().toString('utf8');
  const dir = entry.name.includes('/') ? entry.name.slice(0, entry.name.lastIndexOf('/') + 1) : '';
  const refs = [
    ...[...text.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!),
    ...[...text.matchAll(/\bimport\s*(?:[\w*{}\s,$]+from\s*)?["'`](\.{0,2}\/[^"'`]+)["'`]/g)].map((m) => m[1]!),
    ...[...text.matchAll(/\b(?:import|new URL)\(\s*["'`](\.{0,2}\/[^"'`]+\.js)["'`]/g)].map((m) => m[1]!),
  ];
  return refs.filter((r) => !/^[a-z]+:/i.test(r)).map((r) => (r.startsWith('/') ? r.slice(1) : new URL(r, `file:///${dir}`).pathname.slice(1)));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1).replace(/\\/g, '/'))
    .sort();
}

describe.each(Object.keys(TARGETS) as Target[])('%s package', (target) => {
  const file = () => join(out, packageName(pkg.name, pkg.version, target));
  let entries: ZipEntry[] = [];
  let names: string[] = [];
  beforeAll(() => {
    entries = readZip(file());
    names = entries.map((e) => e.name).filter((n) => !n.endsWith('/'));
  });

  it(`is named ${pkg.name}-${pkg.version}-${target}.zip and reported by the script`, () => {
    expect(existsSync(file())).toBe(true);
    expect(output).toContain(packageName(pkg.name, pkg.version, target));
  });

  it('passes the script’s own checks', () => {
    expect(checkPackage(entries, pkg.version)).toEqual([]);
  });

  it('has manifest.json at the root, with package.json’s version and this browser’s background', () => {
    const manifest = JSON.parse(entries.find((e) => e.name === 'manifest.json')!.read().toString('utf8')) as Record<string, unknown> & {
      background: { service_worker?: string; scripts?: string[] };
      browser_specific_settings?: { gecko?: { id?: string } };
    };
    expect(manifest.version).toBe(pkg.version);
    if (target === 'chrome') {
      expect(manifest.background.service_worker).toBeTruthy();
      expect(manifest).not.toHaveProperty('browser_specific_settings');
    } else {
      expect(manifest.background.scripts?.length).toBeGreaterThan(0);
      expect(manifest.background.service_worker).toBeUndefined();
      expect(manifest.browser_specific_settings?.gecko?.id).toBeTruthy();
    }
    for (const f of manifestFiles(manifest)) expect(names, f).toContain(f);
  });

  it('holds every file the pages and scripts load', () => {
    const loaded = entries.filter((e) => /\.(?:html|js)$/.test(e.name)).flatMap((e) => referencedBy(e).map((ref) => [e.name, ref] as const));
    expect(loaded.length).toBeGreaterThan(0);
    for (const [from, ref] of loaded) expect(names, `${from} loads ${ref}`).toContain(ref);
  });

  it('ships both locales exactly as written', () => {
    for (const l of ['en', 'zh_TW']) {
      const entry = entries.find((e) => e.name === `_locales/${l}/messages.json`);
      expect(entry, l).toBeDefined();
      expect(JSON.parse(entry!.read().toString('utf8'))).toEqual(JSON.parse(readFileSync(`${ROOT}public/_locales/${l}/messages.json`, 'utf8')));
    }
  });

  it('ships nothing else: no source maps, sources, tests or build metadata', () => {
    expect(names.filter((n) => /\.map$/i.test(n))).toEqual([]);
    expect(names.filter((n) => /^(?:test|tests)\//.test(n) || n.includes('/test/'))).toEqual([]);
    expect(names.filter((n) => /^src\/.*\.tsx?$/.test(n) || /\.(?:ts|tsx)$/.test(n))).toEqual([]);
    expect(names.filter((n) => n.startsWith('.vite/') || n.split('/').some((p) => p.startsWith('.')))).toEqual([]);
    expect(names.filter((n) => FORBIDDEN.some((f) => f.test(n)))).toEqual([]);
  });

  it('holds the same files as the build output (less what must not ship)', () => {
    const built = filesUnder(`${ROOT}${TARGETS[target]}`).filter((f) => !FORBIDDEN.some((x) => x.test(f)));
    expect([...names].sort()).toEqual(built);
  });
});

it('the package checks catch a source map, a missing file and a wrong version', () => {
  const entry = (name: string, text = ''): ZipEntry => ({ name, size: text.length, compressedSize: text.length, read: () => Buffer.from(text) });
  const manifest = JSON.stringify({ version: '9.9.9', icons: { 16: 'icons/icon-16.png' }, background: { service_worker: 'sw.js' } });
  const problems = checkPackage([entry('manifest.json', manifest), entry('sw.js'), entry('sw.js.map'), entry('.vite/manifest.json')], pkg.version);
  expect(problems.join('\n')).toMatch(/version 9\.9\.9/);
  expect(problems.join('\n')).toMatch(/icons\/icon-16\.png/);
  expect(problems.join('\n')).toMatch(/sw\.js\.map: source map/);
  expect(problems.join('\n')).toMatch(/\.vite\/manifest\.json/);
  expect(checkPackage([entry('sub/manifest.json', manifest)], pkg.version)).toEqual(['no manifest.json at the root']);
});
