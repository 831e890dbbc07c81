import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';

/**
 * One manifest.json is the source; the build derives from it:
 * - the version, from package.json (the single place a release bumps);
 * - the Firefox variant (`vite build --mode firefox`): MV3 there runs the background as
 *   `background.scripts` (no service worker) and needs a gecko id and data-collection declaration.
 */
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
const base = JSON.parse(readFileSync(new URL('./manifest.json', import.meta.url), 'utf8')) as Record<string, unknown>;

export const GECKO_ID = 'csp-move-assistant@csp-move-assistant.invalid';

export function manifestFor(target: 'chrome' | 'firefox'): Record<string, unknown> {
  const manifest: Record<string, unknown> = { ...structuredClone(base), version: pkg.version };
  if (target === 'firefox') {
    const background = base.background as { service_worker: string; type?: string };
    manifest.background = { scripts: [background.service_worker], type: background.type };
    delete manifest.minimum_chrome_version;
    manifest.browser_specific_settings = {
      gecko: {
        id: GECKO_ID,
        // 140 (the ESR) is the first to read data_collection_permissions; 128 would lint with a warning.
        strict_min_version: '140.0',
        // Nothing is collected or transmitted: everything stays in extension storage.
        data_collection_permissions: { required: ['none'] },
      },
      // Firefox for Android reads data_collection_permissions from 142.
      gecko_android: { strict_min_version: '142.0' },
    };
  }
  return manifest;
}

/**
 * A feature's id is the folder its registration sits in (`register(import.meta.url, …)` in
 * `src/content/features/<id>/index.ts`, as refined-github does). A bundled chunk's own
 * `import.meta.url` is the chunk's address, so the build writes in the source path instead
 * (relative to the project: no build machine's path ships). Vitest runs the sources as they are.
 */
function featureIds(): Plugin {
  const registration = /[\\/]src[\\/]content[\\/]features[\\/][^\\/]+[\\/]index\.ts$/;
  return {
    name: 'csp-move:feature-ids',
    enforce: 'pre',
    transform(code, id) {
      if (!registration.test(id) || !code.includes('import.meta.url')) return null;
      const path = `/${relative(process.cwd(), id).split('\\').join('/')}`;
      return { code: code.replaceAll('import.meta.url', JSON.stringify(path)), map: null };
    },
  };
}

/**
 * Vite wraps every dynamic `import()` in its preload helper (1.2 kB gzip in the content script's
 * first chunks), which adds `<link rel=modulepreload>` and CSS links to the document. In a content
 * script that document is the host page: its links would be useless (or fetched by the page), and
 * `modulePreload: false` already leaves the helper nothing to preload. The helper becomes a plain
 * call. No chunk may import CSS on its own (the helper was what loaded it): the build fails if one does.
 */
function noPreloadHelper(): Plugin {
  const id = '\0vite/preload-helper.js';
  return {
    name: 'csp-move:no-preload-helper',
    enforce: 'pre',
    load(source) {
      return source === id ? 'export const __vitePreload = (load) => load();' : null;
    },
    generateBundle(_, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || chunk.isEntry) continue;
        const css = (chunk as { viteMetadata?: { importedCss: Set<string> } }).viteMetadata?.importedCss;
        if (css?.size) this.error(`${chunk.fileName} imports CSS (${[...css].join(', ')}): the preload helper that loaded it is removed (vite.config.ts).`);
      }
    },
  };
}

export default defineConfig(({ mode }) => {
  const target = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    plugins: [
      featureIds(),
      noPreloadHelper(),
      crx({
        manifest: manifestFor(target) as unknown as ManifestV3Export,
        browser: target,
      }),
    ],
    build: {
      outDir: target === 'firefox' ? 'dist-firefox' : 'dist',
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      modulePreload: false,
      minify: true,
    },
    server: { port: 5174, strictPort: true, hmr: { port: 5174 } },
  };
});
