/**
 * `npm run lint:firefox` (after `npm run build:firefox`): Mozilla's add-on linter (web-ext lint, the
 * checks addons.mozilla.org runs on upload) over dist-firefox/, plus the Firefox-only manifest keys
 * the build derives. Fails on any linter error; warnings are listed and do not fail.
 *
 * Runs web-ext through its Node API, not its CLI: the CLI also starts update-notifier, which asks the
 * npm registry for a newer web-ext; neither the API nor the linter touches the network. Not
 * `--self-hosted`: the package is meant for addons.mozilla.org, so its listing checks apply.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cmd } from 'web-ext';

const root = fileURLToPath(new URL('..', import.meta.url));
const sourceDir = `${root}dist-firefox`;

function fail(message: string): never {
  console.error(`lint:firefox: ${message}`);
  process.exit(1);
}

if (!existsSync(`${sourceDir}/manifest.json`)) fail('dist-firefox/manifest.json is missing: run `npm run build:firefox` first.');

const manifest = JSON.parse(readFileSync(`${sourceDir}/manifest.json`, 'utf8')) as {
  version?: string;
  background?: { scripts?: string[]; service_worker?: string };
  browser_specific_settings?: { gecko?: { id?: string; data_collection_permissions?: { required?: string[] } } };
};
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string };
const problems: string[] = [];
if (manifest.version !== pkg.version) problems.push(`version ${manifest.version} is not package.json's ${pkg.version}`);
if (!manifest.background?.scripts?.length) problems.push('background.scripts is missing');
if (manifest.background?.service_worker !== undefined) problems.push('background.service_worker is set (Firefox runs background.scripts)');
if (!manifest.browser_specific_settings?.gecko?.id) problems.push('browser_specific_settings.gecko.id is missing');
if (manifest.browser_specific_settings?.gecko?.data_collection_permissions?.required?.join() !== 'none') {
  problems.push('browser_specific_settings.gecko.data_collection_permissions.required is not ["none"]');
}
if (problems.length > 0) fail(`dist-firefox/manifest.json: ${problems.join('; ')}`);

const result = await cmd.lint({ sourceDir, output: 'text', boring: true }, { shouldExitProgram: false });
const line = (m: { code: string; message: string; file?: string | undefined }) => `  ${m.code}: ${m.message}${m.file ? ` (${m.file})` : ''}`;
console.log(`\nlint:firefox: ${result.errors.length} error(s), ${result.warnings.length} warning(s), ${result.notices.length} notice(s)`);
for (const w of result.warnings) console.log(line(w));
if (result.errors.length > 0) {
  for (const e of result.errors) console.error(line(e));
  process.exit(1);
}
