/**
 * Offer matching: is what the partner provisions the same offer the customer owned before?
 * Same (or renamed) offer → licenses carry over; different offer → license assignments must change.
 *
 * Ids beat names: a Graph skuId, new-commerce product id, legacy offer id or skuPartNumber
 * identifies an offer whatever it is called. Names are normalised first (suffixes distributors add,
 * abbreviations, symbols) and then looked up among current, former and zh-TW names.
 *
 * Variants are NOT noise: "(no Teams)" and "without Audio Conferencing" name SKUs of their own
 * (the no-Teams suites sold in the EEA since October 2023 and worldwide since April 2024; Office 365
 * E5 without Audio Conferencing, ENTERPRISEPREMIUM_NOPSTNCONF). Moving between a suite and its
 * variant changes the SKU, so licenses must be reassigned: normalisation keeps the marker (in one
 * canonical spelling) and matching calls such a pair 'different'.
 */
import type { Move, OriginalSubscription } from './model';
import { OFFER_CATALOG, type CatalogOffer } from './offer-catalog';

export type { CatalogOffer } from './offer-catalog';

export type OfferMatch = 'same' | 'renamed' | 'different' | 'unknown';

export interface OfferRef {
  offer: string;
  skuId?: string;
}

// ---------------------------------------------------------------------------------------------
// Normalisation

/** Words distributors and portals append for term, billing, channel or trial. */
const NOISE_WORDS: ReadonlySet<string> = new Set([
  'nce',
  'com',
  'bas',
  'per',
  'mth',
  'ann',
  'annual',
  'anual',
  'annually',
  'monthly',
  'yearly',
  'month',
  'year',
  'commitment',
  'billing',
  'billed',
  'trial',
  'p1m',
  'p1y',
  'p3y',
]);
/** Units of a term written after a number: "1 year", "3 個月". */
const TERM_UNITS: ReadonlySet<string> = new Set(['year', 'years', 'yr', 'yrs', 'month', 'months', '年', '個月', '月']);
/** zh-TW suffixes; Han text is not space-separated, so these may be glued to the name. Longest first. */
const ZH_SUFFIXES: readonly string[] = ['試用版', '試用', '每月', '每年', '年度', '月繳', '年繳'];

/** `tokens` without the noise at their end ("… e3 nce com mth" → "… e3"). */
function dropTrailingNoise(tokens: readonly string[]): string[] {
  const out = [...tokens];
  // Each pass removes at least one character or stops: the loop cannot outlast the text.
  for (let budget = tokens.join(' ').length; budget > 0 && out.length > 0; budget--) {
    const last = out.at(-1)!;
    const glued = ZH_SUFFIXES.find((z) => last.endsWith(z));
    if (TERM_UNITS.has(last) && /^\d+$/.test(String(out.at(-2)))) out.splice(-2);
    else if (NOISE_WORDS.has(last) || /^\d+tm$/.test(last)) out.pop();
    else if (glued !== undefined) out.splice(-1, 1, ...(last === glued ? [] : [last.slice(0, -glued.length)]));
    else break;
  }
  return out;
}

const GROUP_RE = /[([【]([^)\]】]*)[)\]】]/gu;
const HAN_THEN_OTHER_RE = /(\p{Script=Han})(?=[^\p{Script=Han} ])/gu;
const OTHER_THEN_HAN_RE = /([^\p{Script=Han} ])(?=\p{Script=Han})/gu;

const ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['m365', 'microsoft 365'],
  ['microsoft365', 'microsoft 365'],
  ['o365', 'office 365'],
  ['office365', 'office 365'],
]);

/** Variant markers, each in one canonical spelling (applied after tokenising). */
const VARIANTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(?:no|without|excluding|excl) (?:microsoft )?teams\b|(?:不含|無|不包含) (?:microsoft )?teams/gu, 'no teams'],
  [
    /\b(?:no|without|excluding) (?:audio|pstn) conferencing\b|\b(?:no|without) pstn conf\b/gu,
    'no audio conferencing',
  ],
];
const VARIANT_MARKERS = VARIANTS.map(([, canonical]) => canonical);

/** Punctuation to spaces, a space between Han and other characters, single spaces. */
function tokenise(s: string): string {
  return s
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .replace(HAN_THEN_OTHER_RE, '$1 ')
    .replace(OTHER_THEN_HAN_RE, '$1 ')
    .trim();
}

/**
 * The comparable form of an offer name: lower case, NFKC, no ™ ® ©, no punctuation, single spaces,
 * M365/O365 spelled out, without term/billing/NCE/trial suffixes (English and zh-TW), with variant
 * markers ("no teams", "no audio conferencing") kept in one spelling.
 */
export function normaliseOfferName(name: string): string {
  // ™ must go before NFKC, which would turn it into the letters "TM".
  let s = name.replace(/[\u2122\u2120\u00AE\u00A9]/gu, ' ').normalize('NFKC').toLowerCase();
  s = s.replace(/\((?:r|tm)\)/gu, ' ').replace(/\bw\/o\b/gu, 'without');
  // A bracketed group of noise only goes; any other group ("(Plan 1)", "(no Teams)") stays, unbracketed.
  s = s.replace(GROUP_RE, (_whole, inner: string) => (dropTrailingNoise(tokenise(inner).split(' ')).length ? ` ${inner} ` : ' '));
  s = tokenise(s)
    .split(' ')
    .map((t) => ABBREVIATIONS.get(t) ?? t)
    .join(' ');
  s = s.replace(/^microsoft office 365\b/u, 'office 365');
  for (const [re, canonical] of VARIANTS) s = s.replace(re, canonical);
  const kept = dropTrailingNoise(s.split(' '));
  // A name made only of noise ("Trial") stays as it is: better than an empty key matching everything.
  return kept.length ? kept.join(' ') : s;
}

// ---------------------------------------------------------------------------------------------
// Look-up

/** How a name names its offer: current or former, English or zh-TW. */
export interface NameLabel {
  former: boolean;
  zh: boolean;
}

/** How a side named its offer: by a catalogue name, or only by id. */
type Label = NameLabel | 'id';

export interface NameEntry {
  offer: CatalogOffer;
  label: NameLabel;
}

export interface CatalogIndex {
  /** Lower-case ids (skuId, skuPartNumber, product id, legacy offer id) → offer. */
  byId: ReadonlyMap<string, CatalogOffer>;
  /** Normalised names → offer and how the name names it. */
  byName: ReadonlyMap<string, NameEntry>;
}

function normaliseId(id: string): string {
  // "CFQ7TTC0LH18:0001" (product:sku) names the product; "{GUID}" is how some exports wrap GUIDs.
  return id.trim().replace(/^\{(.*)\}$/u, '$1').split(':')[0]!.toLowerCase();
}

/**
 * The look-up tables findOffer and matchOffer use. Current names come first: a name that was
 * reused for a newer offer ("Microsoft 365 F1") means the newer one, never the renamed old one.
 */
export function indexCatalog(catalog: readonly CatalogOffer[]): CatalogIndex {
  const byId = new Map<string, CatalogOffer>();
  const byName = new Map<string, NameEntry>();
  for (const offer of catalog) {
    for (const id of [offer.graphSkuId, offer.skuPartNumber, offer.nceProductId, offer.legacyOfferId]) {
      if (id !== undefined) byId.set(normaliseId(id), offer);
    }
  }
  const passes: Array<[NameLabel, (o: CatalogOffer) => readonly string[]]> = [
    [{ former: false, zh: false }, (o) => [o.displayName]],
    [{ former: false, zh: true }, (o) => o.zhTwNames],
    [{ former: true, zh: false }, (o) => o.formerNames],
    [{ former: true, zh: true }, (o) => o.formerZhTwNames],
  ];
  for (const [label, names] of passes) {
    for (const offer of catalog) {
      for (const name of names(offer)) {
        const key = normaliseOfferName(name);
        if (!byName.has(key)) byName.set(key, { offer, label });
      }
    }
  }
  return { byId, byName };
}

let index: CatalogIndex | undefined;

/** Built on first use rather than at import: no start-up cost where offers are never matched. */
function catalogIndex(): CatalogIndex {
  return (index ??= indexCatalog(OFFER_CATALOG));
}

function findById(id: string): CatalogOffer | undefined {
  return catalogIndex().byId.get(normaliseId(id));
}

interface ResolvedName {
  norm: string;
  entry?: NameEntry;
  /** Variant markers found beyond the catalogue name, comma-joined ('' for none). */
  variant: string;
}

function resolveName(name: string): ResolvedName {
  return resolveNormalised(normaliseOfferName(name));
}

function resolveNormalised(norm: string): ResolvedName {
  const entry = catalogIndex().byName.get(norm);
  if (entry) return { norm, entry, variant: '' };
  // Not a catalogue name as it stands: maybe a catalogue name plus variant markers.
  const found = VARIANT_MARKERS.filter((m) => norm.includes(m));
  let base = norm;
  for (const m of found) base = base.replace(m, '');
  return { norm, entry: catalogIndex().byName.get(tokenise(base)), variant: found.join() };
}

/**
 * The catalogue offer named or identified by `nameOrId`: any id (Graph skuId, new-commerce product
 * id with or without ":0001", legacy offer id, skuPartNumber; any case), else a current, former or
 * zh-TW name after normalisation. A variant the catalogue does not list ("Office 365 E3 (no Teams)")
 * is not its base offer, so it yields undefined.
 */
export function findOffer(nameOrId: string): CatalogOffer | undefined {
  const byId = findById(nameOrId);
  if (byId) return byId;
  const r = resolveName(nameOrId);
  return r.variant === '' ? r.entry?.offer : undefined;
}

// ---------------------------------------------------------------------------------------------
// Matching

interface Identified {
  /** The product's GUID (lower case), from the catalogue or Microsoft's product table; undefined: not identified. */
  key?: string;
  variant: string;
  label: Label;
  norm: string;
  idKey?: string;
}

/** How a reference named its product in Microsoft's product table (sku-table.ts `NamedBy`). */
export type TableNamedBy = 'id' | 'name' | 'former' | 'zh';
/** Resolves a reference in Microsoft's product table: the product's GUID and how it was named. */
export type ProductIdentity = (ref: OfferRef) => { key: string; by: TableNamedBy } | undefined;

const LABEL_OF: Record<TableNamedBy, Label> = {
  id: 'id',
  name: { former: false, zh: false },
  former: { former: true, zh: false },
  zh: { former: false, zh: true },
};

let tableIdentity: ProductIdentity | undefined;

/**
 * Names beyond the offer catalogue are resolved in Microsoft's product table once it is loaded
 * (`sku-table.ts` `useProductTable`; the background and the popup load it): the popup's match, the
 * closing guard and the badge then agree with the offer warning, which compares by the same table.
 * Answers already remembered are dropped.
 */
export function useProductIdentity(identity: ProductIdentity | undefined): void {
  tableIdentity = identity;
  identified = new WeakMap();
  matchCache = new WeakMap();
}

// Subscriptions are immutable, so what one names can be remembered per object: ranking thousands of
// moves again (every popup render) then costs no normalisation at all.
let identified = new WeakMap<OfferRef, Identified>();

function identify(ref: OfferRef): Identified {
  let known = identified.get(ref);
  if (known === undefined) {
    known = identifyNow(ref);
    identified.set(ref, known);
  }
  return known;
}

const keyOf = (offer: CatalogOffer) => offer.graphSkuId.toLowerCase();

function identifyNow(ref: OfferRef): Identified {
  const norm = normaliseOfferName(ref.offer);
  const named = resolveNormalised(norm);
  const idKey = ref.skuId?.trim() ? normaliseId(ref.skuId) : undefined;
  // The catalogue first (it knows new-commerce and legacy ids, and zh-TW names)...
  const bySku = ref.skuId ? findById(ref.skuId) : undefined;
  const offer = bySku ?? findById(ref.offer) ?? (named.variant === '' ? named.entry?.offer : undefined);
  // The name's label counts only when the name agrees with the id; otherwise the id speaks.
  if (offer) return { key: keyOf(offer), variant: '', label: named.entry && named.entry.offer === offer ? named.entry.label : 'id', norm, idKey };
  // ...then Microsoft's table: every product, and the variants ("(no Teams)") as products of their own...
  const inTable = tableIdentity?.(ref);
  if (inTable) return { key: inTable.key, variant: '', label: LABEL_OF[inTable.by], norm, idKey };
  // ...else a catalogue offer plus variant markers: not its base offer.
  const base = named.entry?.offer;
  return { key: base ? keyOf(base) : undefined, variant: named.variant, label: named.entry ? named.entry.label : 'id', norm, idKey };
}

function renamed(a: Label, b: Label): boolean {
  return a !== 'id' && b !== 'id' && (a.former !== b.former || a.zh !== b.zh);
}

/**
 * How `candidate` (being provisioned) relates to `original` (owned before):
 * - 'same': one catalogue offer under the same name, or identified by id; unknown names equal after
 *   normalisation; or equal skuIds.
 * - 'renamed': one catalogue offer, but one side uses a former name or the other language.
 * - 'different': both recognised, different offers (or a suite and its no-Teams variant).
 * - 'unknown': cannot tell.
 */
export function matchOffer(original: OfferRef, candidate: OfferRef): OfferMatch {
  const a = identify(original);
  const b = identify(candidate);
  if (a.key !== undefined && b.key !== undefined) {
    // Microsoft's table sells some names under two ids (two "Visio Plan 2"): a name given without
    // an id names either, so an equal name is the same offer, not a different one.
    const shared = a.key !== b.key && a.variant === b.variant && a.norm !== '' && a.norm === b.norm && (a.idKey === undefined || b.idKey === undefined);
    if (shared) return 'same';
    if (a.key !== b.key || a.variant !== b.variant) return 'different';
    return renamed(a.label, b.label) ? 'renamed' : 'same';
  }
  if (a.idKey !== undefined && a.idKey === b.idKey) return 'same';
  return a.norm !== '' && a.norm === b.norm ? 'same' : 'unknown';
}

/** Worst to best. */
const BY_RANK: readonly OfferMatch[] = ['different', 'unknown', 'renamed', 'same'];

function better(a: OfferMatch, b: OfferMatch): OfferMatch {
  return BY_RANK[Math.max(BY_RANK.indexOf(a), BY_RANK.indexOf(b))]!;
}

function worse(a: OfferMatch, b: OfferMatch): OfferMatch {
  return BY_RANK[Math.min(BY_RANK.indexOf(a), BY_RANK.indexOf(b))]!;
}

function equivalent(m: OfferMatch): boolean {
  return m === 'same' || m === 'renamed';
}

function sumSeats(items: ReadonlyArray<{ seats: number }>): number {
  return items.reduce((n, s) => n + s.seats, 0);
}

export interface OfferMatchResult {
  match: OfferMatch;
  /** The originals the chosen offer carries on (same or renamed); empty when none does. */
  matchedOriginals: OriginalSubscription[];
  /** Total seats of `matchedOriginals`. */
  originalSeats: number;
  chosenSeats?: number;
  /** Fewer seats chosen than the matched originals had: some users would lose their license. */
  seatsFewer: boolean;
}

/**
 * The offer being added (e.g. in Partner Center's cart) against the customer's originals: the best
 * match (same > renamed > unknown > different). Seats are compared only with originals the offer
 * carries on: comparing them with an unrelated or unrecognised offer would warn about nothing real.
 */
export function offerMatch(
  originals: readonly OriginalSubscription[],
  chosen: OfferRef & { seats?: number },
): OfferMatchResult {
  const matches = originals.map((o) => matchOffer(o, chosen));
  const matchedOriginals = originals.filter((_, i) => equivalent(matches[i]!));
  const originalSeats = sumSeats(matchedOriginals);
  const chosenSeats = chosen.seats;
  return {
    match: matches.length ? matches.reduce(better) : 'unknown',
    matchedOriginals,
    originalSeats,
    ...(chosenSeats === undefined ? {} : { chosenSeats }),
    // No seat count chosen: nothing to compare.
    seatsFewer: (chosenSeats ?? Infinity) < originalSeats,
  };
}

export interface SeatShortfall {
  original: OriginalSubscription;
  /** Seats provisioned of the offers that carry this original on. */
  provisionedSeats: number;
  /** Seats of every original those provisioned offers must cover (this one included). */
  neededSeats: number;
}

export interface MoveOfferMatch {
  /** The worst match over the originals; 'none' when nothing is provisioned yet. */
  match: OfferMatch | 'none';
  /** Originals with no same or renamed provisioned offer. */
  unmatchedOriginals: OriginalSubscription[];
  seatShortfalls: SeatShortfall[];
  /** Some original is not carried on by a provisioned offer: users' licenses must be reassigned. */
  needsLicenseReassignment: boolean;
}

/**
 * What was provisioned against the originals. Two originals of one offer (say two Open orders
 * expiring months apart) are covered together, so seats are compared per group of originals sharing
 * provisioned offers, not per original. With nothing provisioned there is nothing to reassign yet.
 */
export function moveOfferMatch(move: Pick<Move, 'originals' | 'provisioned'>): MoveOfferMatch {
  // Lists are immutable (every change makes new ones): the next action, the closing guard and the
  // popup row all ask about the same pair, so the answer is remembered per pair of lists.
  let byOriginals = matchCache.get(move.provisioned);
  if (byOriginals === undefined) matchCache.set(move.provisioned, (byOriginals = new WeakMap()));
  let known = byOriginals.get(move.originals);
  if (known === undefined) byOriginals.set(move.originals, (known = matchNow(move)));
  return known;
}

let matchCache = new WeakMap<readonly object[], WeakMap<readonly object[], MoveOfferMatch>>();

function matchNow(move: Pick<Move, 'originals' | 'provisioned'>): MoveOfferMatch {
  const { originals, provisioned } = move;
  if (provisioned.length === 0) {
    return { match: 'none', unmatchedOriginals: [...originals], seatShortfalls: [], needsLicenseReassignment: false };
  }
  const matches = originals.map((o) => provisioned.map((p) => matchOffer(o, p)));
  // Each original by its best provisioned counterpart; the move by its worst original.
  const bests = matches.map((row) => row.reduce(better));
  const carriers = matches.map((row) => provisioned.filter((_, j) => equivalent(row[j]!)));
  const unmatchedOriginals = originals.filter((_, i) => carriers[i]!.length === 0);
  const seatShortfalls: SeatShortfall[] = [];
  originals.forEach((original, i) => {
    const mine = carriers[i]!;
    // An unmatched original shares no provisioned line with anyone: needed 0, never short.
    const neededSeats = sumSeats(originals.filter((_, k) => carriers[k]!.some((p) => mine.includes(p))));
    const provisionedSeats = sumSeats(mine);
    if (neededSeats > provisionedSeats) seatShortfalls.push({ original, provisionedSeats, neededSeats });
  });
  return {
    match: bests.length ? bests.reduce(worse) : 'unknown',
    unmatchedOriginals,
    seatShortfalls,
    needsLicenseReassignment: unmatchedOriginals.length > 0,
  };
}
