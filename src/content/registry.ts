/**
 * The feature registry (after refined-github): each file under `features/` ends with one
 * `register({...})` naming the pages it applies to, an `init(signal, page)` that attaches its
 * observers with that signal (so single-page navigation tears everything down with one abort),
 * the fixture URLs it was checked on, and the page structure it relies on (`anchors`, checked by
 * `diagnostics.ts` and shown in "About this page"). `features/index.ts` imports each file: one line each.
 */
import type { PageId, PageMatch } from './pages';

/**
 * An element a feature relies on, found by structure in the document and every open shadow root.
 * Anchors never read text into the report: `match` may look at an id or a text to decide whether
 * a match counts, the report only gets counts and tag/attribute names.
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
   * the route's tenant id; `text`: any text. Default: every match.
   */
  match?: 'guid-id' | 'product-id' | 'product-text' | 'customer-id' | 'text';
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

/** What `diagnostics.ts` needs to know about a feature (declared in its registration). */
export interface FeatureChecks {
  anchors?: readonly Anchor[];
  /** Shown (one sentence) when a required anchor is still missing after `waitMs`. */
  problem?: ProblemKey;
  /** How long the feature waits for its required anchors (default 10 s). */
  waitMs?: number;
  testSetup?: TestSetup;
}

export interface Feature extends FeatureChecks {
  id: string;
  pages: readonly PageId[];
  init: (signal: AbortSignal, page: PageMatch) => void | Promise<void>;
  /**
   * Sample-portal paths (after the host) this feature shows its marker on, with `{contoso}`-style
   * placeholders for SAMPLE tenant ids; the e2e registry check visits each with a tracked Contoso.
   */
  testUrls: readonly string[];
  /** The element the feature adds, for the registry check: a `data-csp-move` value. */
  marker: string;
}

const registered: Feature[] = [];

export function register(feature: Feature): void {
  if (registered.some((f) => f.id === feature.id)) throw new Error(`Feature ${feature.id} registered twice`);
  registered.push(feature);
}

export function featuresFor(page: PageId): Feature[] {
  return registered.filter((f) => f.pages.includes(page));
}

export function allFeatures(): readonly Feature[] {
  return registered;
}
