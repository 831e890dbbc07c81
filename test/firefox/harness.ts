/**
 * Debian's firefox-esr, driven by puppeteer-core over WebDriver BiDi (headless), with the Firefox
 * build (dist-firefox/) installed as a temporary add-on, and the sample Partner Center served at
 * its real addresses by Puppeteer's request interception (the same server code as the Chromium
 * harness: test/fixtures/portal-server.ts). Nothing downloads a browser: puppeteer-core only
 * drives the executable it is given.
 *
 * What it takes, found by trying (see docs/constraints.md):
 * - BiDi refuses to navigate a tab to `moz-extension://` ("not allowed in this context") unless
 *   Firefox starts with `--remote-allow-system-access`.
 * - The popup page's uuid is fixed through the `extensions.webextensions.uuids` pref (gecko id →
 *   uuid), so its address is known before the add-on is installed.
 * - `page.goto()` to a `moz-extension://` page never settles (the load happens, Puppeteer misses its
 *   end), so extension pages are opened by `openExtensionPage`, which waits for the document itself.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { isPortalUrl, samplePortal, type PortalOptions, type SamplePortal } from '../fixtures/portal-server';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const DIST_FIREFOX = resolve(import.meta.dirname, '../../dist-firefox');
const UUID = '6f1c2a8e-4b3d-4e5f-9a7b-c0d1e2f3a4b5';

export interface FirefoxLaunched {
  browser: Browser;
  version: string;
  addonId: string;
  /** moz-extension://<uuid>/ */
  extensionOrigin: string;
  portal: Omit<SamplePortal, 'dispose'>;
  /** Requests any page made that are not the portal or the extension (aborted, then reported at close). */
  egress: string[];
  /** A new tab whose requests to partner.microsoft.com are answered by the sample portal. */
  newPortalPage: () => Promise<Page>;
  /** A new tab showing an extension page (path inside the add-on), loaded. */
  openExtensionPage: (path: string) => Promise<Page>;
  close: () => Promise<void>;
}

export function requireFirefox(): void {
  if (!existsSync(FIREFOX)) {
    // Fail loudly: a skipped browser suite would read as green.
    throw new Error(`Firefox not found at ${FIREFOX}. Install it (apt-get install -y firefox-esr) or set FIREFOX_PATH.`);
  }
  if (!existsSync(resolve(DIST_FIREFOX, 'manifest.json'))) throw new Error(`No Firefox build in ${DIST_FIREFOX}: run \`npm run build:firefox\` first.`);
}

/** `prefs`: extra Firefox preferences (e.g. a web API switched off). */
export async function launchFirefox(portalOptions: PortalOptions = {}, prefs: Record<string, unknown> = {}): Promise<FirefoxLaunched> {
  requireFirefox();
  const manifest = JSON.parse(readFileSync(resolve(DIST_FIREFOX, 'manifest.json'), 'utf8')) as {
    browser_specific_settings: { gecko: { id: string } };
  };
  const geckoId = manifest.browser_specific_settings.gecko.id;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: UUID }),
      // No update checks, telemetry or remote settings: nothing leaves the machine.
      'app.update.enabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      ...prefs,
    },
  });
  const extensionOrigin = `moz-extension://${UUID}/`;
  const { portal, handle } = samplePortal(portalOptions);
  const egress: string[] = [];
  try {
    const addonId = await browser.installExtension(DIST_FIREFOX);
    const version = await browser.version();

    const answer = (req: HTTPRequest): void => {
      if (req.isInterceptResolutionHandled()) return;
      const url = new URL(req.url());
      if (isPortalUrl(url)) {
        void handle({
          request: () => ({ url: () => req.url(), method: () => req.method(), postData: () => req.postData() ?? null }),
          fulfill: (r) => req.respond({ status: r.status, contentType: r.contentType, headers: r.headers ?? {}, body: r.body }),
        }).catch(() => undefined);
        return;
      }
      if (url.protocol !== 'moz-extension:' && url.protocol !== 'data:' && url.protocol !== 'blob:' && req.url() !== 'about:blank') {
        egress.push(req.url());
        void req.abort('blockedbyclient').catch(() => undefined);
        return;
      }
      void req.continue().catch(() => undefined);
    };

    return {
      browser,
      version,
      addonId,
      extensionOrigin,
      portal,
      egress,
      newPortalPage: async () => {
        const page = await browser.newPage();
        await page.setRequestInterception(true);
        page.on('request', answer);
        return page;
      },
      openExtensionPage: async (path: string) => {
        const page = await browser.newPage();
        const url = extensionOrigin + path.replace(/^\//, '');
        // Started, not awaited: see the header. The wait below is on the document itself.
        void page.goto(url).catch(() => undefined);
        const deadline = Date.now() + 15_000;
        for (;;) {
          const state = await page.evaluate(() => `${location.href} ${document.readyState}`).catch(() => '');
          if (state === `${url} complete`) return page;
          if (Date.now() > deadline) throw new Error(`${url} did not load in Firefox (last state: "${state}")`);
          await new Promise((r) => setTimeout(r, 100));
        }
      },
      close: async () => {
        await browser.close();
        if (egress.length) throw new Error(`Requests left the device:\n${egress.join('\n')}`);
      },
    };
  } catch (err) {
    await browser.close();
    throw err;
  }
}
