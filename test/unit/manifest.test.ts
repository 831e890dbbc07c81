/**
 * The manifests the build derives from manifest.json (vite.config.ts `manifestFor`): the version
 * from package.json, the Chromium and Firefox background forms, the minimum permissions, the
 * content script's single host, a strict CSP, and every `__MSG_…__` text present in both locales
 * within the stores' length limits. The built files themselves are checked by test/e2e/packages.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GECKO_ID, manifestFor } from '../../vite.config';
import { LOCALES, messages } from './i18n-messages';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string };

interface Manifest {
  manifest_version: number;
  name: string;
  short_name?: string;
  description: string;
  version: string;
  default_locale?: string;
  minimum_chrome_version?: string;
  icons: Record<string, string>;
  action: { default_popup: string; default_title: string; default_icon: Record<string, string> };
  background: { service_worker?: string; scripts?: string[]; type?: string };
  content_scripts: Array<{ matches: string[]; js: string[]; exclude_matches?: string[] }>;
  permissions: string[];
  content_security_policy: Record<string, string>;
  browser_specific_settings?: {
    gecko?: { id?: string; strict_min_version?: string; data_collection_permissions?: { required?: string[]; optional?: string[] } };
    gecko_android?: { strict_min_version?: string };
  };
  [key: string]: unknown;
}

const chrome = manifestFor('chrome') as unknown as Manifest;
const firefox = manifestFor('firefox') as unknown as Manifest;
const both: Array<[string, Manifest]> = [
  ['chrome', chrome],
  ['firefox', firefox],
];

/** The CSP directives of a policy: name → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!.toLowerCase(), sources]),
  );
}

const major = (v: string | undefined) => Number((v ?? '0').split('.')[0]);

describe.each(both)('%s manifest', (_target, m) => {
  it('is MV3 with the version from package.json', () => {
    expect(m.manifest_version).toBe(3);
    expect(m.version).toBe(pkg.version);
    expect(m.version).toMatch(/^\d+(\.\d+){0,3}$/);
  });

  it('requests exactly storage, unlimitedStorage, alarms and notifications, and no hosts', () => {
    // unlimitedStorage: 10 MB holds about 2,800 moves with their histories (README, "Permissions").
    expect([...m.permissions].sort()).toEqual(['alarms', 'notifications', 'storage', 'unlimitedStorage']);
    for (const key of ['host_permissions', 'optional_permissions', 'optional_host_permissions', 'web_accessible_resources', 'externally_connectable']) {
      expect(m, key).not.toHaveProperty(key);
    }
  });

  it('runs its content script on https://partner.microsoft.com/* only', () => {
    expect(m.content_scripts.length).toBeGreaterThan(0);
    for (const cs of m.content_scripts) expect(cs.matches).toEqual(['https://partner.microsoft.com/*']);
  });

  it("keeps extension pages to script-src 'self': no eval, no inline or remote code", () => {
    expect(Object.keys(m.content_security_policy)).toEqual(['extension_pages']);
    const csp = directives(m.content_security_policy.extension_pages!);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(m.content_security_policy.extension_pages).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
  });

  it('takes its name, short name, description and action title from _locales, within the store limits', () => {
    expect(m.default_locale).toBe('en');
    const limits: Array<[string, string | undefined, number]> = [
      ['name', m.name, 75],
      ['short_name', m.short_name, 12],
      ['description', m.description, 132],
      ['action.default_title', m.action.default_title, 100],
    ];
    for (const [field, value, max] of limits) {
      const key = /^__MSG_([A-Za-z0-9_]+)__$/.exec(value ?? '')?.[1];
      expect(key, `${field} is not a __MSG_…__ reference`).toBeDefined();
      for (const l of LOCALES) {
        const text = messages[l][key!]?.message;
        expect(text, `${l} has no ${key}`).toBeTruthy();
        expect([...text!].length, `${l} ${field}: "${text}"`).toBeLessThanOrEqual(max);
      }
    }
  });

  it('names icons that exist, with the pixel size they claim', () => {
    const icons = { ...m.icons, ...m.action.default_icon };
    expect(Object.keys(m.icons).sort()).toEqual(['128', '16', '32', '48']);
    for (const [size, path] of Object.entries(icons)) {
      const file = `${ROOT}public/${path}`;
      expect(existsSync(file), path).toBe(true);
      const png = readFileSync(file);
      expect(png.subarray(1, 4).toString('latin1'), `${path} is a PNG`).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], path).toEqual([Number(size), Number(size)]);
    }
  });
});

describe('chrome (Edge, Chrome) manifest', () => {
  it('runs the background as a module service worker', () => {
    expect(chrome.background).toEqual({ service_worker: 'src/background/index.ts', type: 'module' });
  });

  it('has no Firefox-only keys', () => {
    expect(chrome).not.toHaveProperty('browser_specific_settings');
  });
});

describe('firefox manifest', () => {
  it('runs the same background entry as background.scripts (Firefox MV3 has no service worker)', () => {
    expect(firefox.background).toEqual({ scripts: [chrome.background.service_worker], type: 'module' });
  });

  it('drops the Chrome-only minimum_chrome_version', () => {
    expect(chrome.minimum_chrome_version).toBeDefined();
    expect(firefox).not.toHaveProperty('minimum_chrome_version');
  });

  it('declares a gecko id and that it collects no data, with minimum versions that read that declaration', () => {
    const bss = firefox.browser_specific_settings;
    expect(bss?.gecko?.id).toBe(GECKO_ID);
    // An add-on id is an email-like string or a {GUID}.
    expect(GECKO_ID).toMatch(/^[a-z0-9-._]*@[a-z0-9-._]+$|^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/i);
    expect(GECKO_ID.length).toBeLessThanOrEqual(80);
    expect(bss?.gecko?.data_collection_permissions).toEqual({ required: ['none'] });
    // data_collection_permissions is read from Firefox 140 and Firefox for Android 142.
    expect(major(bss?.gecko?.strict_min_version)).toBeGreaterThanOrEqual(140);
    expect(major(bss?.gecko_android?.strict_min_version)).toBeGreaterThanOrEqual(142);
  });

  it('differs from the Chromium manifest only in those keys', () => {
    const strip = (m: Manifest) => {
      const { background: _b, browser_specific_settings: _s, minimum_chrome_version: _v, ...rest } = m;
      return rest;
    };
    expect(strip(firefox)).toEqual(strip(chrome));
  });
});
