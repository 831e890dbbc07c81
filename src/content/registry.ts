/**
 * The feature registry (after refined-github). Each feature lives under `features/<id>/`: its
 * `index.ts` is the one `register(import.meta.url, {...})`, the id being the folder's name (so it
 * cannot differ from it); its code (`init(signal, page)` and its UI) is a separate module loaded
 * only on the pages the registration names. `init` attaches its observers with `signal`, so single-
 * page navigation or an orphaned extension tears everything down with one abort. The registration
 * also names the structure the feature relies on (`anchors`, checked by `diagnostics/`, shown in
 * "About this page") and closes with the sample-portal URLs it was checked on.
 * `features/index.ts` imports each registration: one line each.
 */
import type { PageId, PageMatch } from './pages';

/**
 * An element a feature relies on, found by structure in the document and every open shadow root.
 * Anchors never read text into the report: `match` may look at an id or a text to decide whether
 * a match counts, the report only gets counts and tag/attribute names. Shared ones: `anchors.ts`.
 */
export interface Anchor {
  /** Stable name, shown in "About this page" and the report: `grid-rows`. */
  id: string;
  /** CSS selector; `{customerId}` stands for the route's tenant id (the anchor applies to customer pages only). */
  selector: string;
  /**
   * Which matches count as found; the others are placeholders (skeleton rows, empty headings).
   * `guid-id`: the id holds a GUID (`row-{tenantId}`); `product-id`: the id holds a product id;
   * `product-text`: the text holds a product id (an order table); `customer-id`: the text holds
   * the route's tenant id; `text`: any text; `slotted`: a slot in it shows light-DOM content (how
   * the live grids render names; placeholder rows hold plain text). Default: every match.
   */
  match?: 'guid-id' | 'product-id' | 'product-text' | 'customer-id' | 'text' | 'slotted';
  /** What `found` counts, for the report (developer English): "rows with a GUID id". */
  counts: string;
  /**
   * `required` (default): the feature cannot work without it, and after the feature's wait the
   * overlay says so. `expected`: seen on the live portal but not needed; when it is missing or sits
   * elsewhere the features still work, and the overlay notes that the page changed.
   */
  need?: 'required' | 'expected';
  /** Required anchors sharing a group: any one of them found is enough. */
  group?: string;
  /** The pages it applies to (default: all of the feature's pages). */
  pages?: readonly PageId[];
  /** Shadow hosts expected around the first match, nearest first, by tag suffix (app prefixes differ). */
  hosts?: readonly string[];
  /** With no match found, the page is still fine when this anchor is found and no placeholder is left (an empty list). */
  emptyWith?: string;
}

/** The sentences the overlay can show when a feature's required anchors never appear (message keys). */
export type ProblemKey = 'problem_grid' | 'problem_customer' | 'problem_catalogue';

/** Interactions the e2e registry check runs before it looks for a feature's marker (test/e2e/registry.test.ts). */
export type TestSetup = 'choose-offer' | 'place-order' | 'request-copy';

/** What a feature's code module exports: its start on a page view. */
export type Init = (signal: AbortSignal, page: PageMatch) => void | Promise<void>;

export interface Registration {
  pages: readonly PageId[];
  /** The feature's code, loaded on its pages only: a module whose default export is its `init`. */
  load: () => Promise<{ default: Init }>;
  /** The element the feature adds, for the registry check: a `data-csp-move` value. */
  marker: string;
  anchors?: readonly Anchor[];
  /** Shown (one sentence) when a required anchor is still missing after `waitMs`. */
  problem?: ProblemKey;
  /** How long the feature waits for its required anchors (default 10 s). */
  waitMs?: number;
  testSetup?: TestSetup;
  /**
   * Sample-portal paths (after the host) this feature shows its marker on, with `{contoso}`-style
   * placeholders for SAMPLE tenant ids; the e2e registry check visits each with a tracked Contoso.
   */
  testUrls: readonly string[];
}

export interface Feature extends Registration {
  id: string;
}

/** The feature's id: the name of the folder its registration file sits in (`features/<id>/index.ts`). */
export function featureId(url: string): string {
  const parts = new URL(url, 'file:///').pathname.split('/');
  const id = parts.at(-2) ?? '';
  if (parts.at(-3) !== 'features' || !/^index\.[jt]sx?$/.test(parts.at(-1) ?? '') || !/^[a-z][a-z0-9-]*$/.test(id)) {
    throw new Error(`A feature registers from features/<id>/index.ts, not ${url}`);
  }
  return id;
}

const registered: Feature[] = [];

/** Called once per feature, from its `features/<id>/index.ts` with `import.meta.url`. */
export function register(url: string, registration: Registration): void {
  const id = featureId(url);
  if (registered.some((f) => f.id === id)) throw new Error(`Feature ${id} registered twice`);
  registered.push({ id, ...registration });
}

export function featuresFor(page: PageId): Feature[] {
  return registered.filter((f) => f.pages.includes(page));
}
