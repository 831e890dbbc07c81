/**
 * `npm run zip` (after `npm run build` and `npm run build:firefox`): the store packages.
 *
 *   release/csp-move-assistant-<version>-chrome.zip   Chrome Web Store and Edge Add-ons (from dist/)
 *   release/csp-move-assistant-<version>-firefox.zip  addons.mozilla.org (from dist-firefox/)
 *
 * Each zip holds the build output with manifest.json at its root, and nothing else: no source maps,
 * no dot-folders (Vite's `.vite/` metadata), no sources or tests. Both are written by web-ext's
 * `build` (a declared devDependency; it zips any extension directory, not only Firefox ones), then
 * read back and checked before the script reports success. The reader is a few lines of node:zlib
 * (a zip's central directory is a simple table), so no zip library is needed beyond web-ext's own.
 *
 * `--out <dir>` writes elsewhere than release/ (the package test uses a temporary folder).
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
export const TARGETS = { chrome: 'dist', firefox: 'dist-firefox' } as const;
export type Target = keyof typeof TARGETS;

/** What must never ship: source maps, sources, tests, dot-files and -folders (build metadata). */
export const FORBIDDEN: ReadonlyArray<{ why: string; test: (entry: string) => boolean }> = [
  { why: 'source map', test: (e) => /\.map$/i.test(e) },
  { why: 'TypeScript source', test: (e) => /\.(?:ts|tsx|mts|cts)$/i.test(e) },
  { why: 'test file', test: (e) => /(?:^|\/)(?:tests?|__tests__|e2e)\//i.test(e) || /\.(?:test|spec)\.[cm]?[jt]sx?$/i.test(e) },
  { why: 'dot-file or build metadata', test: (e) => e.split('/').some((part) => part.startsWith('.')) },
  { why: 'node_modules', test: (e) => e.split('/').includes('node_modules') },
];

export function packageName(name: string, version: string, target: Target): string {
  return `${name}-${version}-${target}.zip`;
}

export interface ZipEntry {
  name: string;
  size: number;
  compressedSize: number;
  read(): Buffer;
}

/** The entries of a zip file, from its central directory (no zip64, no multi-disk: a small extension). */
export function readZip(file: string): ZipEntry[] {
  const buf = readFileSync(file);
  // End of central directory: signature 0x06054b50, within the last 64 kB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file}: not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    entries.push({
      name,
      size,
      compressedSize,
      read() {
        const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
        const data = buf.subarray(start, start + compressedSize);
        if (method === 0) return Buffer.from(data);
        if (method === 8) return inflateRawSync(data);
        throw new Error(`${file}: ${name} uses compression method ${method}`);
      },
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Every file a manifest names (icons, popup, background, content scripts, locales). */
export function manifestFiles(manifest: Record<string, unknown>): string[] {
  const files = new Set<string>();
  const add = (f: unknown) => {
    if (typeof f === 'string' && f !== '') files.add(f.replace(/^\.?\//, ''));
  };
  const m = manifest as {
    icons?: Record<string, string>;
    action?: { default_popup?: string; default_icon?: string | Record<string, string> };
    background?: { service_worker?: string; scripts?: string[]; page?: string };
    content_scripts?: Array<{ js?: string[]; css?: string[] }>;
    options_page?: string;
    options_ui?: { page?: string };
    web_accessible_resources?: Array<{ resources?: string[] }>;
    default_locale?: string;
  };
  Object.values(m.icons ?? {}).forEach(add);
  add(m.action?.default_popup);
  const icon = m.action?.default_icon;
  if (typeof icon === 'string') add(icon);
  else Object.values(icon ?? {}).forEach(add);
  add(m.background?.service_worker);
  (m.background?.scripts ?? []).forEach(add);
  add(m.background?.page);
  for (const cs of m.content_scripts ?? []) [...(cs.js ?? []), ...(cs.css ?? [])].forEach(add);
  add(m.options_page);
  add(m.options_ui?.page);
  for (const w of m.web_accessible_resources ?? []) (w.resources ?? []).filter((r) => !r.includes('*')).forEach(add);
  if (m.default_locale) add(`_locales/${m.default_locale}/messages.json`);
  return [...files].sort();
}

/** Everything wrong with a package: [] when it is fit for the store. */
export function checkPackage(entries: readonly ZipEntry[], version: string): string[] {
  const problems: string[] = [];
  const names = new Set(entries.map((e) => e.name));
  const manifestEntry = entries.find((e) => e.name === 'manifest.json');
  if (!manifestEntry) return ['no manifest.json at the root'];
  const manifest = JSON.parse(manifestEntry.read().toString('utf8')) as Record<string, unknown>;
  if (manifest.version !== version) problems.push(`manifest version ${String(manifest.version)} is not ${version}`);
  for (const f of manifestFiles(manifest)) if (!names.has(f)) problems.push(`manifest names ${f}, which is not in the zip`);
  for (const e of entries) {
    const bad = FORBIDDEN.find((f) => f.test(e.name));
    if (bad) problems.push(`${e.name}: ${bad.why}`);
  }
  return problems;
}

const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const outArg = args.indexOf('--out');
  const outDir = resolve(root, outArg >= 0 && args[outArg + 1] ? args[outArg + 1]! : 'release');
  const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { name: string; version: string };
  // Imported here, not at the top: the package test imports the helpers above without loading web-ext.
  const { cmd } = await import('web-ext');
  mkdirSync(outDir, { recursive: true });
  let failed = false;
  for (const [target, dir] of Object.entries(TARGETS) as Array<[Target, string]>) {
    const sourceDir = `${root}${dir}`;
    if (!existsSync(`${sourceDir}/manifest.json`)) throw new Error(`${dir}/manifest.json is missing: run \`npm run build${target === 'firefox' ? ':firefox' : ''}\` first.`);
    const built = JSON.parse(readFileSync(`${sourceDir}/manifest.json`, 'utf8')) as { version?: string };
    if (built.version !== pkg.version) throw new Error(`${dir} was built as ${built.version}, package.json says ${pkg.version}: rebuild it.`);
    const filename = packageName(pkg.name, pkg.version, target);
    const { extensionPath } = await cmd.build(
      // web-ext already leaves out dot-files and -folders, node_modules, zips and xpis.
      { sourceDir, artifactsDir: outDir, filename, overwriteDest: true, ignoreFiles: ['**/*.map', '.vite', '.vite/**'] },
      { showReadyMessage: false },
    );
    const entries = readZip(extensionPath);
    const problems = checkPackage(entries, pkg.version);
    const files = entries.filter((e) => !e.name.endsWith('/')).sort((a, b) => a.name.localeCompare(b.name));
    const unpacked = files.reduce((sum, e) => sum + e.size, 0);
    console.log(`${extensionPath}: ${files.length} files, ${kB(statSync(extensionPath).size)} (${kB(unpacked)} unpacked)`);
    for (const e of files) console.log(`  ${e.name.padEnd(44)} ${kB(e.size).padStart(9)}`);
    for (const p of problems) console.error(`  PROBLEM: ${p}`);
    failed ||= problems.length > 0;
  }
  if (failed) process.exit(1);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(`zip: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
