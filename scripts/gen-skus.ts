/**
 * Regenerates public/data/skus.json — the product table the background loads on demand — from
 * Microsoft's "Product names and service plan identifiers for licensing" CSV (one row per product
 * and service plan; Microsoft Learn / download.microsoft.com, CC BY 4.0).
 *
 *   npm run gen:skus -- <path to the CSV> [<the table's date, YYYY-MM-DD>]
 *
 * Compact on purpose: each service plan once (name, friendly name), each product as
 * [GUID, string id, display name, plan indexes]. Plan GUIDs are left out: products are compared
 * by plan name, which the table keys them by too.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';

const [csvPath, date = new Date().toISOString().slice(0, 10)] = process.argv.slice(2);
if (!csvPath) {
  console.error('usage: npm run gen:skus -- <microsoft-skus.csv> [YYYY-MM-DD]');
  process.exit(2);
}

const COLUMNS = ['Product_Display_Name', 'String_Id', 'GUID', 'Service_Plan_Name', 'Service_Plan_Id', 'Service_Plans_Included_Friendly_Names'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const text = readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, '');
const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
const missing = COLUMNS.filter((c) => !parsed.meta.fields?.includes(c));
if (missing.length) {
  console.error(`${csvPath}: missing column(s) ${missing.join(', ')} — is this Microsoft's licensing table?`);
  process.exit(1);
}

const planIndex = new Map<string, number>();
const plans: Array<[string, string]> = [];
const products = new Map<string, [string, string, string, number[]]>();
const problems: string[] = [];
parsed.data.forEach((row, i) => {
  const guid = (row.GUID ?? '').trim().toLowerCase();
  const name = (row.Product_Display_Name ?? '').trim();
  const stringId = (row.String_Id ?? '').trim();
  const plan = (row.Service_Plan_Name ?? '').trim();
  if (!GUID.test(guid) || !name || !stringId || !plan) {
    problems.push(`row ${i + 2}: ${!GUID.test(guid) ? 'GUID is not a GUID' : 'an empty name, string id or plan'}`);
    return;
  }
  let p = planIndex.get(plan);
  if (p === undefined) {
    p = plans.length;
    planIndex.set(plan, p);
    plans.push([plan, (row.Service_Plans_Included_Friendly_Names ?? '').trim() || plan]);
  }
  const product = products.get(guid) ?? [guid, stringId, name, []];
  if (!product[3].includes(p)) product[3].push(p);
  products.set(guid, product);
});
if (problems.length) {
  console.error(`${csvPath}: ${problems.length} row(s) cannot be read:\n${problems.slice(0, 20).join('\n')}`);
  process.exit(1);
}

const out = {
  source: "Microsoft Learn, \"Product names and service plan identifiers for licensing\" (learn.microsoft.com/entra/identity/users/licensing-service-plan-reference; CSV from download.microsoft.com), CC BY 4.0",
  date,
  plans,
  products: [...products.values()].sort((a, b) => (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : a[0] < b[0] ? -1 : 1)),
};
const target = fileURLToPath(new URL('../public/data/skus.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(out)}\n`);
console.log(`${target}: ${out.products.length} products, ${plans.length} service plans, from ${parsed.data.length} rows (table of ${date})`);
