/**
 * Offer identity from Microsoft's product table (public/data/skus.json, made by scripts/gen-skus.ts):
 * resolve a product from its GUID, string id, current, former or zh-TW name, and compare what a
 * customer owned with what was provisioned by service plans — kept, gained, lost — with a verdict:
 * same, renamed, split (the original's plans spread over several new products, e.g. Office 365 E3 →
 * E3 (no Teams) + Teams Enterprise), different or unknown.
 *
 * The table is data loaded at run time (by the background, on demand), never imported here: the
 * content script and the popup bundles stay small, and tests load the same file from disk.
 */
import { OFFER_CATALOG } from './offer-catalog';
import { normaliseOfferName, useProductIdentity, type TableNamedBy } from './offers';
import type { OfferSuggestion, ProductTable } from './offer-search';
import { SKU_NAMES } from './sku-names';

/** public/data/skus.json as written by scripts/gen-skus.ts. */
export interface SkuData {
  source: string;
  date: string;
  /** [service plan name, friendly name] */
  plans: Array<[string, string]>;
  /** [GUID, string id, display name, plan indexes] */
  products: Array<[string, string, string, number[]]>;
}

export interface Product {
  guid: string;
  stringId: string;
  name: string;
  /** Service plan names. */
  plans: ReadonlySet<string>;
}

/** How a reference named its product. */
export type NamedBy = TableNamedBy;

export interface SkuTable {
  readonly source: string;
  readonly date: string;
  readonly products: readonly Product[];
  /** Plan name → friendly name. */
  readonly friendly: ReadonlyMap<string, string>;
  readonly byId: ReadonlyMap<string, Product>;
  readonly byName: ReadonlyMap<string, { product: Product; by: NamedBy }>;
}

/** Reads the table; a RangeError names the first thing that does not fit. */
export function loadSkuTable(data: SkuData): SkuTable {
  if (!data || !Array.isArray(data.plans) || !Array.isArray(data.products)) throw new RangeError('Not a product table (plans and products lists expected)');
  const friendly = new Map<string, string>();
  data.plans.forEach(([name, label]) => friendly.set(name, label));
  const products = data.products.map(([guid, stringId, name, idx], i): Product => {
    const plans = new Set(
      idx.map((n) => {
        const plan = data.plans[n];
        if (plan === undefined) throw new RangeError(`Product ${i} (${name}) names plan ${n}, which the table does not have`);
        return plan[0];
      }),
    );
    return { guid: guid.toLowerCase(), stringId, name, plans };
  });
  const byId = new Map<string, Product>();
  for (const p of products) {
    byId.set(p.guid, p);
    // A string id shared by two products (rare) names the first.
    if (!byId.has(p.stringId.toLowerCase())) byId.set(p.stringId.toLowerCase(), p);
  }
  const byName = new Map<string, { product: Product; by: NamedBy }>();
  const add = (name: string, product: Product, by: NamedBy) => {
    // The name exactly as written, then its normalised form: normalising drops "Trial", which the
    // table uses to tell trial SKUs apart. Current names first: a reused name means the newer product.
    for (const key of [exactKey(name), normaliseOfferName(name)]) if (key !== '' && !byName.has(key)) byName.set(key, { product, by });
  };
  // The table's own name, unless Microsoft has renamed the product since (sku-names.ts lists it as former).
  for (const p of products) add(p.name, p, SKU_NAMES[p.stringId]?.former?.includes(p.name) ? 'former' : 'name');
  for (const p of products) for (const n of SKU_NAMES[p.stringId]?.current ?? []) add(n, p, 'name');
  for (const o of OFFER_CATALOG) {
    const p = byId.get(o.graphSkuId.toLowerCase());
    if (p) for (const n of o.zhTwNames) add(n, p, 'zh');
  }
  for (const p of products) for (const n of SKU_NAMES[p.stringId]?.former ?? []) add(n, p, 'former');
  for (const o of OFFER_CATALOG) {
    const p = byId.get(o.graphSkuId.toLowerCase());
    if (p) for (const n of [...o.formerNames, ...o.formerZhTwNames]) add(n, p, 'former');
  }
  return { source: data.source, date: data.date, products, friendly, byId, byName };
}

function exactKey(name: string): string {
  return `=${name.trim().toLowerCase()}`;
}

function idKey(s: string): string {
  return s.trim().replace(/^\{(.*)\}$/u, '$1').toLowerCase();
}

/** The product `ref` names: its GUID or string id first, else a current, former or zh-TW name. */
export function resolveProduct(table: SkuTable, ref: string | { offer: string; skuId?: string }): { product: Product; by: NamedBy } | undefined {
  const { offer, skuId } = typeof ref === 'string' ? { offer: ref, skuId: undefined } : ref;
  for (const id of [skuId, offer]) {
    const p = id ? table.byId.get(idKey(id)) : undefined;
    if (p) return { product: p, by: 'id' };
  }
  return table.byName.get(exactKey(offer)) ?? table.byName.get(normaliseOfferName(offer));
}

/**
 * Makes `table` the product identity of every offer match (`offers.ts`: the popup's match badge,
 * the closing guard, the next action): one identity with the offer warning's verdicts.
 */
export function useProductTable(table: SkuTable | undefined): void {
  useProductIdentity(
    table &&
      ((ref) => {
        const r = resolveProduct(table, ref);
        return r && { key: r.product.guid, by: r.by };
      }),
  );
}

export type PlanVerdict = 'same' | 'renamed' | 'split' | 'different' | 'unknown';

export interface PlanComparison {
  verdict: PlanVerdict;
  /** Friendly names of service plans, sorted. */
  kept: string[];
  gained: string[];
  lost: string[];
  /** The products the references resolved to (undefined: not found in the table). */
  original?: Product;
  provisioned: Array<Product | undefined>;
}

/** Below this share of the original's plans, several new products are not "the same service split". */
const SPLIT_COVERAGE = 0.9;

function friendlyList(table: SkuTable, plans: Iterable<string>): string[] {
  return [...new Set([...plans].map((p) => table.friendly.get(p) ?? p))].sort((a, b) => a.localeCompare(b));
}

/**
 * An original against what was provisioned for it (one or more lines). `split`: more than one new
 * product, together covering the original's plans (at least 90 %) better than any one of them —
 * the same service under new SKUs, so licences must still be reassigned.
 */
export function comparePlans(
  table: SkuTable,
  original: string | { offer: string; skuId?: string },
  provisioned: ReadonlyArray<string | { offer: string; skuId?: string }>,
): PlanComparison {
  const o = resolveProduct(table, original);
  const news = provisioned.map((p) => resolveProduct(table, p));
  const found = news.filter((n): n is NonNullable<typeof n> => n !== undefined);
  const base = { original: o?.product, provisioned: news.map((n) => n?.product) };
  if (o === undefined || found.length === 0 || found.length < news.length) {
    return { verdict: 'unknown', kept: [], gained: [], lost: [], ...base };
  }
  const had = o.product.plans;
  const union = new Set(found.flatMap((n) => [...n.product.plans]));
  const kept = [...had].filter((p) => union.has(p));
  const lost = [...had].filter((p) => !union.has(p));
  const gained = [...union].filter((p) => !had.has(p));
  const distinct = new Set(found.map((n) => n.product));
  let verdict: PlanVerdict;
  // One product sold under two ids (two "Visio Plan 2": the same name, the same plans) is the same.
  const twin = (p: Product) => p !== o.product && currentName(p) === currentName(o.product) && p.plans.size === had.size && [...had].every((x) => p.plans.has(x));
  if (distinct.size === 1 && (distinct.has(o.product) || twin([...distinct][0]!))) {
    verdict = [o, ...found].some((n) => n.by === 'former' || n.by === 'zh') && new Set([o.by, ...found.map((n) => n.by)]).size > 1 ? 'renamed' : 'same';
  } else {
    const bestSingle = Math.max(...[...distinct].map((p) => [...had].filter((x) => p.plans.has(x)).length));
    const coverage = had.size === 0 ? 0 : kept.length / had.size;
    verdict = distinct.size > 1 && kept.length > bestSingle && coverage >= SPLIT_COVERAGE ? 'split' : 'different';
  }
  return { verdict, kept: friendlyList(table, kept), gained: friendlyList(table, gained), lost: friendlyList(table, lost), ...base };
}

/** The name a product is sold under today: the table's, or the newer one where it lags (sku-names.ts). */
export function currentName(product: Product): string {
  return SKU_NAMES[product.stringId]?.current?.[0] ?? product.name;
}

/** Microsoft's zh-TW name of a product, where the offer catalogue knows it. */
export function zhTwName(product: Product): string | undefined {
  return OFFER_CATALOG.find((o) => o.graphSkuId.toLowerCase() === product.guid)?.zhTwNames[0];
}

/** An original's product as Microsoft sells it today. */
export interface OriginalName {
  originalId: string;
  /** Today's English name. */
  name: string;
  /** Today's zh-TW name, where known. */
  zhTw?: string;
  /** The recorded name is not today's (a former name, or an id with another label). */
  renamed: boolean;
}

/**
 * Each original the table resolves, under the names it is sold by today: what the partner looks for
 * in the catalogue, and what the offer warning says to pick instead. Unresolved originals are left
 * out (nothing is guessed).
 */
export function originalNames(table: SkuTable, originals: ReadonlyArray<{ id: string; offer: string; skuId?: string }>): OriginalName[] {
  return originals.flatMap((o) => {
    const product = resolveProduct(table, o)?.product;
    if (!product) return [];
    const name = currentName(product);
    const zhTw = zhTwName(product);
    const recorded = normaliseOfferName(o.offer);
    const renamed = recorded !== normaliseOfferName(name) && (zhTw === undefined || recorded !== normaliseOfferName(zhTw));
    return [{ originalId: o.id, name, ...(zhTw ? { zhTw } : {}), renamed }];
  });
}

/**
 * Every name of every product in the table, for the type-ahead: today's name first, then the
 * table's, Microsoft's zh-TW names and the former names, each keyed to today's English name and
 * the product's GUID (two products sharing a name: the first, as `resolveProduct` does).
 */
export function productNames(table: SkuTable): ProductTable {
  const list: OfferSuggestion[] = [];
  const catalogued = (p: Product) => OFFER_CATALOG.find((o) => o.graphSkuId.toLowerCase() === p.guid);
  // In the order loadSkuTable gives names to products, so a name shared by two picks the product it resolves to.
  const passes: Array<(p: Product) => readonly string[]> = [
    (p) => [p.name],
    (p) => SKU_NAMES[p.stringId]?.current ?? [],
    (p) => catalogued(p)?.zhTwNames ?? [],
    (p) => SKU_NAMES[p.stringId]?.former ?? [],
    (p) => [...(catalogued(p)?.formerNames ?? []), ...(catalogued(p)?.formerZhTwNames ?? [])],
  ];
  for (const names of passes) for (const p of table.products) for (const name of names(p)) list.push({ name, offer: currentName(p), skuId: p.guid });
  return { names: () => list };
}

// ---------------------------------------------------------------------------------------------
// Verdicts for the offers on a page (the overlay asks the background, which holds the table)

/** An offer as a page shows it: the catalogue's product id when read, its (localized) name. */
export interface PageOfferRef {
  name: string;
  /** A new-commerce product id (`CFQ7TTC0LF8R:0001`), a GUID or a string id; '' when not read. */
  productId?: string;
}

export interface OfferVerdict {
  /** The closest original's verdict (`same` > `renamed` > `different` by plans kept > `unknown`). */
  match: PlanVerdict;
  /** The original compared with, when there is one. */
  originalId?: string;
  /** The product's current name in Microsoft's table, when it resolved. */
  productName?: string;
  kept: string[];
  gained: string[];
  lost: string[];
}

export interface SplitVerdict {
  originalId: string;
  /** Indexes of the page's offers that together carry the original on. */
  offers: number[];
  kept: string[];
  lost: string[];
}

const RANK: Record<PlanVerdict, number> = { same: 4, renamed: 3, split: 2, different: 1, unknown: 0 };

/**
 * Each page offer against the customer's originals, by service plans; and the originals whose plans
 * several of the page's offers cover together (`split`, e.g. Office 365 E3 → E3 (no Teams) + Teams
 * Enterprise: the same service, other SKUs). `idOf` maps a page's product id to a GUID or string
 * id the table knows (the offer catalogue's new-commerce ids), else undefined.
 */
export function offerVerdicts(
  table: SkuTable,
  originals: ReadonlyArray<{ id: string; offer: string; skuId?: string }>,
  offers: readonly PageOfferRef[],
  idOf: (productId: string) => string | undefined = () => undefined,
): { offers: OfferVerdict[]; splits: SplitVerdict[] } {
  const refs = offers.map((o) => {
    const id = o.productId ? (idOf(o.productId) ?? o.productId) : undefined;
    return { offer: o.name || o.productId || '', ...(id ? { skuId: id } : {}) };
  });
  const perOffer = refs.map((ref): OfferVerdict => {
    const product = resolveProduct(table, ref)?.product;
    let best: OfferVerdict = { match: 'unknown', kept: [], gained: [], lost: [] };
    let bestKept = -1;
    for (const o of originals) {
      const c = comparePlans(table, o, [ref]);
      const kept = c.kept.length;
      if (RANK[c.verdict] > RANK[best.match] || (c.verdict === best.match && c.verdict !== 'unknown' && kept > bestKept)) {
        best = { match: c.verdict, originalId: o.id, kept: c.kept, gained: c.gained, lost: c.lost };
        bestKept = kept;
      }
    }
    return { ...best, ...(product ? { productName: currentName(product) } : {}) };
  });
  const splits: SplitVerdict[] = [];
  if (refs.length > 1) {
    for (const o of originals) {
      const had = resolveProduct(table, o)?.product;
      if (!had) continue;
      // The page's offers that carry some of this original's plans on (a cart may hold unrelated ones).
      const related = refs.flatMap((r, i) => {
        const p = resolveProduct(table, r)?.product;
        return p && p !== had && [...had.plans].some((x) => p.plans.has(x)) ? [i] : [];
      });
      if (related.length < 2) continue;
      const c = comparePlans(table, o, related.map((i) => refs[i]!));
      if (c.verdict === 'split') splits.push({ originalId: o.id, offers: related, kept: c.kept, lost: c.lost });
    }
  }
  return { offers: perOffer, splits };
}
