/**
 * Every string the extension shows comes from public/_locales (en and zh_TW), through `t()` or the
 * manifest's `__MSG_…__`. This test reads the sources with the TypeScript compiler (with types, so a
 * key built from a narrowed value, e.g. `t(`urgency_${a.urgency}`)` inside `if (a.urgency === 'soon')`,
 * resolves to exactly the keys it can name) and fails when:
 *
 * - a key is missing from either locale, or a message is empty, or a name is not a valid message name;
 * - a `t()` call names a key that does not exist, or a key cannot be worked out from the call;
 * - a key exists that nothing uses (static calls, dynamic families, the manifest);
 * - a message has `$1`/`$name$` placeholders in one locale but not the other, or a call passes a
 *   different number of substitutions than the message shows;
 * - zh_TW holds Simplified characters or mainland vocabulary, or an English text left untranslated;
 * - JSX (or a DOM text assignment) holds hard-coded English instead of a `t()` call.
 *
 * Dynamic families fall back to the domain's enumerations (imported, never copied here) when the
 * compiler only sees `string`; a family with neither is reported as unresolvable.
 *
 * Then `formatDay`/`formatNumber`: the UI language's format, no day shift in any time zone.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterEach, describe, expect, it, vi } from 'vitest';
import browser from 'webextension-polyfill';
import { ROUTES } from '../../src/content/pages';
import { PROGRAMS, STEPS } from '../../src/core/model';
import { ACTION_KINDS, URGENCIES } from '../../src/core/urgency';
import { getMessage, LOCALES, type Locale, type Message, messages } from './i18n-messages';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Families of keys built from a closed enumeration, used when the compiler cannot narrow the value. */
const FAMILIES: Record<string, readonly string[]> = {
  step_: STEPS,
  badge_: STEPS,
  action_: ACTION_KINDS,
  advice_: ACTION_KINDS,
  urgency_: URGENCIES,
  popup_urgency_: URGENCIES,
  popup_program_: PROGRAMS,
  hint_: ROUTES.map((r) => r.page),
};

/** `t('step_originals-ended')` reads the message `step_originals_ended` (message names allow [A-Za-z0-9_]). */
const messageName = (key: string) => key.replace(/-/g, '_');

// ---------------------------------------------------------------------------------------------
// Reading the sources

interface Use {
  key: string;
  at: string;
  /** A `tn()` call: `key` is the base, the messages are `key_{category}` for each locale's plural categories. */
  plural?: boolean;
  /** Substitutions passed, when the call passes an array literal (or none). */
  subs?: number;
}
interface Finding {
  at: string;
  text: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(`${ROOT}${dir}`, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => `${ROOT}${dir}/${f.replace(/\\/g, '/')}`)
    .sort();
}

const config = ts.getParsedCommandLineOfConfigFile(`${ROOT}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
const program = ts.createProgram(sourceFiles('src'), { ...(config?.options ?? {}), noEmit: true });
const checker = program.getTypeChecker();

/** The string values a type can take, or undefined when it is not a finite set of literals. */
function literalValues(type: ts.Type): string[] | undefined {
  const parts = type.isUnion() ? type.types : [type];
  const out: string[] = [];
  for (const p of parts) {
    if (p.isStringLiteral()) out.push(p.value);
    else if (p.isNumberLiteral()) out.push(String(p.value));
    else if (p.flags & ts.TypeFlags.BooleanLiteral) out.push(checker.typeToString(p));
    else return undefined;
  }
  return out;
}

/** The keys an argument of `t()` can name, or an explanation of why they cannot be known. */
function keysOf(arg: ts.Expression): string[] | string {
  while (ts.isParenthesizedExpression(arg) || ts.isAsExpression(arg) || ts.isSatisfiesExpression(arg)) arg = arg.expression;
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) return [arg.text];
  // cond ? 'a' : `b_${x}`: both branches.
  if (ts.isConditionalExpression(arg)) {
    const a = keysOf(arg.whenTrue);
    const b = keysOf(arg.whenFalse);
    return typeof a === 'string' ? a : typeof b === 'string' ? b : [...a, ...b];
  }
  // const key = …; t(key): what the constant was set to, when its type alone does not tell.
  if (ts.isIdentifier(arg) && literalValues(checker.getTypeAtLocation(arg)) === undefined) {
    const decl = checker.getSymbolAtLocation(arg)?.valueDeclaration;
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer && ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const) return keysOf(decl.initializer);
  }
  if (ts.isTemplateExpression(arg)) {
    let keys = [arg.head.text];
    let prefix: string | undefined = arg.head.text;
    for (const span of arg.templateSpans) {
      const values = literalValues(checker.getTypeAtLocation(span.expression)) ?? (prefix !== undefined ? FAMILIES[prefix] : undefined);
      if (values === undefined) {
        return `${arg.getText()}: \${${span.expression.getText()}} is not typed as a union of literals, and "${arg.head.text}" is not a family in FAMILIES`;
      }
      if (prefix !== undefined && FAMILIES[prefix] !== undefined) {
        const outside = values.filter((v) => !FAMILIES[prefix!]!.includes(v));
        if (outside.length > 0) return `${arg.getText()} can be ${outside.join(', ')}, outside the enumeration registered for "${prefix}"`;
      }
      keys = keys.flatMap((k) => values.map((v) => `${k}${v}${span.literal.text}`));
      prefix = undefined;
    }
    return keys;
  }
  return literalValues(checker.getTypeAtLocation(arg)) ?? `t(${arg.getText()}): the key is not a literal or a union of literals`;
}

const VISIBLE_ATTRIBUTES = new Set(['title', 'aria-label', 'aria-description', 'aria-roledescription', 'aria-placeholder', 'aria-valuetext', 'placeholder', 'alt', 'label']);
const VISIBLE_PROPERTIES = new Set(['textContent', 'innerText', 'title', 'ariaLabel', 'placeholder', 'alt', 'label']);
/** Text that may stay as written: names, acronyms, key names. */
const ALLOWED_TEXT = new Set(['Esc', 'Partner Center', 'CSP Move Assistant']);

/** Hard-coded English: two or more latin words, or one ordinary word (not an acronym, not allowed). */
function looksEnglish(text: string): boolean {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (trimmed === '' || ALLOWED_TEXT.has(trimmed)) return false;
  const words = trimmed.match(/[A-Za-z][A-Za-z'’]+/g) ?? [];
  const ordinary = words.filter((w) => !ALLOWED_TEXT.has(w) && w !== w.toUpperCase());
  return words.length >= 2 ? ordinary.length >= 1 : ordinary.some((w) => w.length >= 3);
}

const CODE_ELEMENTS = new Set(['code', 'kbd', 'samp', 'pre']);
function insideCode(node: ts.Node): boolean {
  const parent = node.parent;
  return ts.isJsxElement(parent) && CODE_ELEMENTS.has(parent.openingElement.tagName.getText());
}

const uses: Use[] = [];
const unresolved: string[] = [];
const hardCoded: Finding[] = [];
const indirect: string[] = [];

for (const sf of program.getSourceFiles()) {
  if (!sf.fileName.startsWith(`${ROOT}src/`)) continue;
  const file = sf.fileName.slice(ROOT.length);
  const where = (n: ts.Node) => `${file}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;

  // The local names bound to `t` from shared/i18n.
  const tSymbols = new Set<ts.Symbol>();
  const tNames = new Set<string>();
  const tnSymbols = new Set<ts.Symbol>();
  const tnNames = new Set<string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !/(^|\/)shared\/i18n$|^\.\/i18n$/.test(st.moduleSpecifier.text)) continue;
    const named = st.importClause?.namedBindings;
    if (named && ts.isNamedImports(named)) {
      for (const el of named.elements) {
        if ((el.propertyName ?? el.name).text === 't') {
          const s = checker.getSymbolAtLocation(el.name);
          if (s) tSymbols.add(s);
          tNames.add(el.name.text);
        }
        if ((el.propertyName ?? el.name).text === 'tn') {
          const s = checker.getSymbolAtLocation(el.name);
          if (s) tnSymbols.add(s);
          tnNames.add(el.name.text);
        }
      }
    }
  }
  // shared/i18n.ts itself calls its own `t`.
  if (file === 'src/shared/i18n.ts') {
    const fn = sf.statements.find((s): s is ts.FunctionDeclaration => ts.isFunctionDeclaration(s) && s.name?.text === 't');
    const s = fn?.name && checker.getSymbolAtLocation(fn.name);
    if (s) tSymbols.add(s);
    tNames.add('t');
  }

  // tn() itself looks up `${key}_${category}`: its callers are checked instead.
  const insideTn = (node: ts.Node): boolean => {
    for (let n: ts.Node | undefined = node; n; n = n.parent) if (ts.isFunctionDeclaration(n) && n.name?.text === 'tn' && file === 'src/shared/i18n.ts') return true;
    return false;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && tnNames.has(node.text) && !ts.isImportSpecifier(node.parent)) {
      const s = checker.getSymbolAtLocation(node);
      const call = node.parent;
      if (s && tnSymbols.has(s)) {
        if (ts.isCallExpression(call) && call.expression === node) {
          const [arg, , subsArg] = call.arguments;
          const keys = arg ? keysOf(arg) : 'tn() without a key';
          const subs = subsArg === undefined ? 1 : ts.isArrayLiteralExpression(subsArg) && !subsArg.elements.some(ts.isSpreadElement) ? subsArg.elements.length : undefined;
          if (typeof keys === 'string') unresolved.push(`${where(call)}: ${keys}`);
          else for (const key of keys) uses.push({ key, at: where(call), plural: true, ...(subs === undefined ? {} : { subs }) });
        } else {
          indirect.push(`${where(node)}: \`tn\` passed around instead of called; its keys cannot be checked`);
        }
      }
    }
    if (ts.isIdentifier(node) && tNames.has(node.text) && !insideTn(node) && !ts.isImportSpecifier(node.parent) && !ts.isFunctionDeclaration(node.parent)) {
      const s = checker.getSymbolAtLocation(node);
      if (s && tSymbols.has(s)) {
        const call = node.parent;
        if (ts.isCallExpression(call) && call.expression === node) {
          const [arg, subsArg] = call.arguments;
          const keys = arg ? keysOf(arg) : 't() without a key';
          const subs = subsArg === undefined ? 0 : ts.isArrayLiteralExpression(subsArg) && !subsArg.elements.some(ts.isSpreadElement) ? subsArg.elements.length : undefined;
          if (typeof keys === 'string') unresolved.push(`${where(call)}: ${keys}`);
          else for (const key of keys) uses.push({ key, at: where(call), ...(subs === undefined ? {} : { subs }) });
        } else {
          indirect.push(`${where(node)}: \`t\` passed around instead of called; its keys cannot be checked`);
        }
      }
    }
    // Hard-coded text in JSX (not inside <code>, <kbd>, <samp> or <pre>: literal formats and key names).
    if (ts.isJsxText(node) && !insideCode(node) && looksEnglish(node.text)) hardCoded.push({ at: where(node), text: node.text.trim() });
    if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)) && !insideCode(node)) {
      const e = node.expression;
      if ((ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) && looksEnglish(e.text)) hardCoded.push({ at: where(e), text: e.text });
    }
    if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText(sf)) && node.initializer) {
      const init = node.initializer;
      const lit = ts.isStringLiteral(init) ? init : ts.isJsxExpression(init) && init.expression && (ts.isStringLiteral(init.expression) || ts.isNoSubstitutionTemplateLiteral(init.expression)) ? init.expression : undefined;
      if (lit && looksEnglish(lit.text)) hardCoded.push({ at: where(lit), text: `${node.name.getText(sf)}="${lit.text}"` });
    }
    // element.textContent = 'Some text', element.setAttribute('aria-label', 'Some text')
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && VISIBLE_PROPERTIES.has(node.left.name.text)) {
      const r = node.right;
      if ((ts.isStringLiteral(r) || ts.isNoSubstitutionTemplateLiteral(r)) && looksEnglish(r.text)) hardCoded.push({ at: where(r), text: `${node.left.getText(sf)} = '${r.text}'` });
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'setAttribute') {
      const [name, value] = node.arguments;
      if (name && value && ts.isStringLiteral(name) && VISIBLE_ATTRIBUTES.has(name.text) && ts.isStringLiteral(value) && looksEnglish(value.text)) {
        hardCoded.push({ at: where(value), text: `${name.text}="${value.text}"` });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

const manifestText = readFileSync(`${ROOT}manifest.json`, 'utf8');
const manifestKeys = [...manifestText.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)].map((m) => m[1]!);

/** The plural categories of each locale's language (zh-TW: only `other`). */
const CATEGORIES = Object.fromEntries(
  LOCALES.map((l) => [l, new Intl.PluralRules(messages[l].localeTag!.message).resolvedOptions().pluralCategories as string[]]),
) as Record<Locale, string[]>;
const ALL_CATEGORIES = [...new Set(LOCALES.flatMap((l) => CATEGORIES[l]))];
/** The message names a use reads in locale `l` (a plural use: one per category of that locale). */
const namesOf = (u: Use, l: Locale): string[] => (u.plural ? CATEGORIES[l].map((c) => `${messageName(u.key)}_${c}`) : [messageName(u.key)]);
const pluralBases = new Set(uses.filter((u) => u.plural).map((u) => messageName(u.key)));

const usedNames = new Set([...uses.flatMap((u) => LOCALES.flatMap((l) => namesOf(u, l))), ...manifestKeys]);

/** `$1`…`$9` and `$name$` references in a message (`$$` is a literal dollar). */
function references(text: string): { positional: number[]; named: string[] } {
  const positional = new Set<number>();
  const named = new Set<string>();
  for (const m of text.matchAll(/\$\$|\$([1-9])|\$([A-Za-z0-9_@]+)\$/g)) {
    if (m[1]) positional.add(Number(m[1]));
    if (m[2]) named.add(m[2].toLowerCase());
  }
  return { positional: [...positional].sort(), named: [...named].sort() };
}

/** The positional references a message shows once its named placeholders are expanded. */
function shownSubstitutions(msg: Message): number[] {
  const { positional, named } = references(msg.message);
  const all = new Set(positional);
  const defs = Object.fromEntries(Object.entries(msg.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
  for (const n of named) for (const p of references(defs[n] ?? '').positional) all.add(p);
  return [...all].sort();
}

// ---------------------------------------------------------------------------------------------
// Traditional Chinese

/** Simplified-only characters, each followed by its Traditional form (ambiguous ones left out). */
const SIMPLIFIED_PAIRS =
  '这這们們个個为為时時会會设設订訂阅閱户戶关關确確认認项項务務动動帐帳号號数數据據开開发發应應该該条條选選择擇删刪输輸导導错錯误誤请請说說让讓进進过過还還么麼见見页頁显顯' +
  '计計划劃转轉续續购購买買卖賣费費价價单單额額钱錢结結间間经經销銷权權许許证證书書记記录錄载載届屆满滿终終网網络絡线線级級组組织織员員连連链鏈档檔资資讯訊复復' +
  '体體优優标標签簽备備试試验驗检檢报報题題问問态態状狀况況启啟闭閉隐隱钮鈕键鍵击擊点點图圖览覽浏瀏扩擴约約执執负負责責财財账賬邮郵电電话話传傳达達边邊无無与與' +
  '从從对對将將总總统統变變换換实實际際现現产產样樣种種类類观觀历歷吗嗎较較调調节節钟鐘岁歲龄齡长長议議协協亲親爱愛乐樂气氣业業专專义義仅僅仓倉众眾伤傷侧側储儲' +
  '儿兒兴興养養册冊军軍农農净淨减減凭憑刘劉则則创創别別剧劇劝勸办辦劳勞势勢区區医醫华華卫衛却卻厂廠厅廳压壓县縣参參双雙叙敘吓嚇听聽员員响響团團园園围圍圆圓' +
  '场場坏壞块塊坚堅扫掃扬揚扰擾抢搶护護担擔拟擬拥擁挂掛挡擋挥揮损損断斷旧舊晓曉暂暫术術机機杀殺杂雜极極构構枪槍栏欄树樹桥橋欢歡欧歐残殘毁毀毕畢汇匯汉漢汤湯' +
  '沟溝没沒泽澤洁潔浅淺测測济濟浓濃润潤涨漲温溫湾灣滚滾滤濾灭滅灯燈灵靈灾災炉爐热熱牵牽犹猶独獨献獻环環画畫畅暢疗療盖蓋盘盤监監码碼础礎碍礙礼禮离離积積称稱' +
  '稳穩竞競笔筆筑築简簡紧緊纠糾红紅纪紀纯純纳納纵縱纸紙练練细細绍紹绑綁绕繞绘繪给給继繼绩績绪緒维維综綜绿綠编編缓緩缩縮罗羅罚罰职職联聯脑腦脚腳艺藝药藥获獲' +
  '营營虑慮虽雖补補装裝规規视視觉覺讨討训訓讲講论論访訪评評识識诉訴词詞译譯诚誠询詢详詳语語读讀课課谁誰谈談谢謝谓謂贝貝贡貢败敗货貨质質贴貼贵貴贸貿赔賠赛賽' +
  '赞贊赶趕趋趨跃躍践踐轮輪软軟轻輕辑輯辞辭迁遷运運远遠违違迟遲递遞逻邏遗遺释釋钢鋼钥鑰铁鐵银銀锁鎖镜鏡门門闪閃闲閒闹鬧闻聞队隊阳陽阶階陆陸险險随隨难難' +
  '顺順须須顾顧顿頓预預领領频頻颜顏风風飞飛饭飯马馬驱驅鱼魚鸟鳥龙龍齐齊齿齒';
const SIMPLIFIED = new Map<string, string>();
for (let i = 0; i < SIMPLIFIED_PAIRS.length; i += 2) SIMPLIFIED.set(SIMPLIFIED_PAIRS[i]!, SIMPLIFIED_PAIRS[i + 1]!);

/** Mainland terms (often left by character-only conversion) and what Taiwan's Microsoft UI says. */
const MAINLAND_TERMS: Record<string, string> = {
  默認: '預設', 軟件: '軟體', 硬件: '硬體', 網絡: '網路', 數據: '資料', 設置: '設定', 登錄: '登入', 鏈接: '連結',
  賬戶: '帳戶', 賬號: '帳號', 導入: '匯入', 導出: '匯出', 屏幕: '螢幕', 創建: '建立', 搜索: '搜尋',
  激活: '啟用', 卸載: '移除', 菜單: '功能表', 文件夾: '資料夾', 視頻: '影片', 質量: '品質', 日歷: '日曆', 打印: '列印',
  粘貼: '貼上', 復制: '複製', 郵箱: '電子郵件', 服務器: '伺服器', 文本: '文字', 字段: '欄位', 界面: '介面', 模板: '範本',
  在線: '線上', 批量: '批次', 刷新: '重新整理', 客戶端: '用戶端', 租戶: '租用戶', 許可證: '授權', 信息: '資訊',
};

/** Latin words that are the same in every language (product names, acronyms, key names). */
const UNTRANSLATED_WORDS = new Set(['CSP', 'CSV', 'ICS', 'iCalendar', 'Microsoft', 'Esc', 'GUID', 'ID', 'EA', 'Excel']);

/** docs/glossary-zh-TW.md's table: the term to write and the variants never to write. */
const GLOSSARY = readFileSync(`${ROOT}docs/glossary-zh-TW.md`, 'utf8')
  .split('\n')
  .map((line) => line.split('|').map((c) => c.trim()))
  .filter((cells) => cells.length === 5 && cells[1] !== 'English' && !/^-+$/.test(cells[1]!))
  .map(([, , write, never]) => ({ write: write!, never: never!.split(',').map((v) => v.trim()).filter(Boolean) }));

/** Each use of a variant outside 「…」 (a portal label quoted verbatim keeps the portal's wording). */
function glossaryProblems(msgs: Record<string, { message: string }>): string[] {
  const problems: string[] = [];
  for (const [name, msg] of Object.entries(msgs)) {
    const text = msg.message.replace(/「[^」]*」/g, '「」');
    for (const { write, never } of GLOSSARY) {
      for (const v of never) if (text.includes(v)) problems.push(`${name}: "${v}" is not the glossary's term (write "${write}") in "${msg.message}"`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------

const report = (list: readonly string[]) => (list.length === 0 ? '' : `\n  ${list.join('\n  ')}\n`);

describe('locale files', () => {
  it.each(LOCALES)('%s: valid message names, non-empty messages, no names that differ only in case', (l) => {
    const problems: string[] = [];
    const seen = new Map<string, string>();
    for (const [name, msg] of Object.entries(messages[l])) {
      if (!/^[A-Za-z0-9_]+$/.test(name)) problems.push(`${name}: message names allow only [A-Za-z0-9_]`);
      if (typeof msg?.message !== 'string' || msg.message.trim() === '') problems.push(`${name}: empty or missing "message"`);
      const lower = name.toLowerCase();
      if (seen.has(lower)) problems.push(`${name} and ${seen.get(lower)} differ only in case (message names are case-insensitive)`);
      seen.set(lower, name);
      for (const n of references(msg?.message ?? '').named) {
        if (!Object.keys(msg.placeholders ?? {}).some((p) => p.toLowerCase() === n)) problems.push(`${name}: $${n}$ is not defined in "placeholders"`);
      }
    }
    expect(problems, report(problems)).toEqual([]);
  });

  it('en and zh_TW hold the same keys', () => {
    const en = Object.keys(messages.en);
    const zh = Object.keys(messages.zh_TW);
    // A plural form the other language does not have (zh-TW has no `_one`) is not missing.
    const category = (k: string) => [...pluralBases].map((b) => (k.startsWith(`${b}_`) ? k.slice(b.length + 1) : '')).find((c) => ALL_CATEGORIES.includes(c));
    const needed = (k: string, l: Locale) => { const c = category(k); return c === undefined || CATEGORIES[l].includes(c); };
    const missing = [
      ...en.filter((k) => !zh.includes(k) && needed(k, 'zh_TW')).map((k) => `${k}: missing from zh_TW`),
      ...zh.filter((k) => !en.includes(k) && needed(k, 'en')).map((k) => `${k}: missing from en`),
    ];
    expect(missing, report(missing)).toEqual([]);
  });

  it('every message shows the same substitutions in both locales', () => {
    const problems: string[] = [];
    for (const name of Object.keys(messages.en)) {
      const zh = messages.zh_TW[name];
      if (!zh) continue;
      const a = shownSubstitutions(messages.en[name]!).map((n) => `$${n}`).join(' ');
      const b = shownSubstitutions(zh).map((n) => `$${n}`).join(' ');
      if (a !== b) problems.push(`${name}: en shows [${a}], zh_TW shows [${b}]`);
    }
    expect(problems, report(problems)).toEqual([]);
  });

  it.each(LOCALES)('%s: localeTag names the locale of its folder (dates and numbers are formatted for it)', (l) => {
    expect(messages[l].localeTag?.message).toBe(l.replace('_', '-'));
  });

  it('zh_TW is Traditional Chinese: no Simplified characters, no mainland vocabulary', () => {
    const problems: string[] = [];
    for (const [name, msg] of Object.entries(messages.zh_TW)) {
      for (const ch of new Set(msg.message)) {
        const trad = SIMPLIFIED.get(ch);
        if (trad) problems.push(`${name}: "${ch}" is Simplified (Traditional: "${trad}") in "${msg.message}"`);
      }
      for (const [term, tw] of Object.entries(MAINLAND_TERMS)) {
        if (msg.message.includes(term)) problems.push(`${name}: "${term}" is mainland usage (Taiwan: "${tw}") in "${msg.message}"`);
      }
    }
    expect(problems, report(problems)).toEqual([]);
  });

  it('zh_TW writes the glossary\'s term for each concept (docs/glossary-zh-TW.md), never a variant', () => {
    expect(GLOSSARY.length, 'the glossary table is read').toBeGreaterThan(5);
    const problems = glossaryProblems(messages.zh_TW);
    expect(problems, report(problems)).toEqual([]);
  });

  it('the glossary check finds a mixed term, and lets a quoted portal label through', () => {
    expect(glossaryProblems({ a: { message: '已要求經銷商關係' }, b: { message: '原訂閱已結束' } })).toEqual([
      'a: "經銷商" is not the glossary\'s term (write "轉銷商") in "已要求經銷商關係"',
      'b: "訂閱" is not the glossary\'s term (write "訂用帳戶") in "原訂閱已結束"',
    ]);
    expect(glossaryProblems({ a: { message: '請使用「要求建立經銷商關係」。' } })).toEqual([]);
  });

  it('zh_TW translates every English text (no English copy left behind)', () => {
    const problems: string[] = [];
    for (const [name, en] of Object.entries(messages.en)) {
      const zh = messages.zh_TW[name];
      // A locale tag (localeTag) is data, not text.
      if (!zh || /^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$/.test(en.message)) continue;
      const words = en.message.replace(/\$[A-Za-z0-9_@]+\$|\$\d/g, ' ').match(/[A-Za-z]{2,}/g) ?? [];
      const needsTranslation = words.some((w) => !UNTRANSLATED_WORDS.has(w));
      if (needsTranslation && !/[\u3400-\u9fff]/.test(zh.message)) problems.push(`${name}: "${zh.message}" has no Chinese`);
    }
    expect(problems, report(problems)).toEqual([]);
  });

  it('the Simplified list itself maps each character to a different, Traditional one', () => {
    expect(SIMPLIFIED_PAIRS.length % 2).toBe(0);
    for (const [s, tr] of SIMPLIFIED) {
      expect(s).not.toBe(tr);
      expect(SIMPLIFIED.has(tr), `${tr} is listed as Simplified`).toBe(false);
    }
  });
});

describe('keys used by the code', () => {
  it('finds t() calls (sanity: the scan sees the sources)', () => {
    expect(uses.length).toBeGreaterThan(50);
    expect(usedNames).toContain('extName');
    expect(usedNames).toContain('step_originals_ended');
  });

  it('every t() call names its keys statically or through a typed family', () => {
    const problems = [...unresolved, ...indirect];
    expect(problems, report(problems)).toEqual([]);
  });

  it('every key named in the code or the manifest exists', () => {
    const missing = [
      ...new Set([
        ...uses.flatMap((u) => LOCALES.flatMap((l) => namesOf(u, l).filter((n) => !(n in messages[l])).map((n) => `${n}: used at ${u.at}, not in ${l}`))),
        ...manifestKeys.filter((k) => !(k in messages.en)).map((k) => `${k}: used by manifest.json, not in en`),
      ]),
    ].sort();
    expect(missing, report(missing)).toEqual([]);
  });

  it('every key is used (static calls, dynamic families from their enumerations, the manifest)', () => {
    const unused = Object.keys(messages.en).filter((k) => !usedNames.has(k)).sort();
    expect(unused, report(unused)).toEqual([]);
  });

  it('every call passes as many substitutions as its message shows', () => {
    const problems = new Set<string>();
    for (const u of uses) {
      if (u.subs === undefined) continue;
      for (const l of LOCALES) {
        for (const name of namesOf(u, l)) {
          const msg = messages[l][name];
          if (!msg) continue;
          const shown = shownSubstitutions(msg);
          const beyond = shown.filter((n) => n > u.subs!);
          if (beyond.length > 0) problems.add(`${u.at}: ${name} gets ${u.subs} substitution(s) but ${l} shows ${beyond.map((n) => `$${n}`).join(' ')}`);
        }
      }
      const other = messages.en[u.plural ? `${messageName(u.key)}_other` : messageName(u.key)];
      if (!other) continue;
      const enShown = shownSubstitutions(other);
      for (let n = 1; n <= u.subs; n++) if (!enShown.includes(n)) problems.add(`${u.at}: ${u.key} gets substitution ${n}, which en never shows`);
    }
    expect([...problems], report([...problems])).toEqual([]);
  });

  it('plural messages hold exactly the forms of their language (en: one, other; zh-TW: other only)', () => {
    expect(pluralBases.size, 'the scan sees tn() calls').toBeGreaterThan(5);
    const problems: string[] = [];
    for (const base of pluralBases) {
      for (const l of LOCALES) {
        const forms = Object.keys(messages[l]).filter((k) => k.startsWith(`${base}_`) && ALL_CATEGORIES.includes(k.slice(base.length + 1))).map((k) => k.slice(base.length + 1));
        const missing = CATEGORIES[l].filter((c) => !forms.includes(c));
        const extra = forms.filter((c) => !CATEGORIES[l].includes(c));
        if (missing.length > 0) problems.push(`${base}: ${l} lacks ${missing.map((c) => `_${c}`).join(', ')}`);
        if (extra.length > 0) problems.push(`${base}: ${l} has ${extra.map((c) => `_${c}`).join(', ')}, a form its language does not use`);
      }
      if (base in messages.en) problems.push(`${base}: counted with tn(), but a plain message of that name exists too`);
    }
    expect(problems, report(problems)).toEqual([]);
  });

  it('no hard-coded English in JSX text, visible attributes or DOM text', () => {
    const found = hardCoded.map((f) => `${f.at}: ${f.text}`);
    expect(found, report(found)).toEqual([]);
  });

  it('the heuristic catches what it should and lets names through', () => {
    expect(looksEnglish('Start tracking')).toBe(true);
    expect(looksEnglish('Save')).toBe(true);
    expect(looksEnglish(' — ')).toBe(false);
    expect(looksEnglish('CSV')).toBe(false);
    expect(looksEnglish('Esc')).toBe(false);
    expect(looksEnglish('(Esc)')).toBe(false);
    expect(looksEnglish(': ')).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// t(), formatDay, formatNumber against the real messages

/** A fresh copy of shared/i18n (its formats are cached per module) for a browser in `ui` showing `locale`. */
async function i18nFor(ui: string, locale: Locale) {
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation((name: string, subs?: string | string[]) => getMessage(locale, name, subs));
  vi.spyOn(browser.i18n, 'getUILanguage').mockImplementation(() => ui);
  vi.resetModules();
  const mod = await import('../../src/shared/i18n');
  // The formats are made on first use: make them now, while this browser's mocks are in place.
  mod.formatDay('2000-01-01');
  mod.formatNumber(0);
  return mod;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('t()', () => {
  it('reads codes with "-" as "_" and fills substitutions', async () => {
    const { t } = await i18nFor('en-US', 'en');
    expect(t('step_originals-ended')).toBe(messages.en.step_originals_ended!.message);
    expect(t('markDone', ['X'])).toBe(messages.en.markDone!.message.replace('$1', 'X'));
  });

  it('asks the browser once per message and substitutions (a page view asks for the same few again and again)', async () => {
    const { t } = await i18nFor('en-US', 'en');
    const asks = vi.mocked(browser.i18n.getMessage);
    const before = asks.mock.calls.length;
    expect([t('extName'), t('extName'), t('extName')]).toEqual(Array(3).fill(messages.en.extName!.message));
    expect(asks.mock.calls.length - before).toBe(1);
    expect(t('markDone', ['X'])).toBe(messages.en.markDone!.message.replace('$1', 'X'));
    expect(t('markDone', ['Y'])).toBe(messages.en.markDone!.message.replace('$1', 'Y'));
    expect(t('markDone', ['X'])).toBe(messages.en.markDone!.message.replace('$1', 'X'));
    expect(asks.mock.calls.length - before).toBe(3);
  });

  it('falls back to the key when a message is missing, and never throws', async () => {
    const { t } = await i18nFor('en-US', 'en');
    expect(t('no_such_key')).toBe('no_such_key');
    vi.spyOn(browser.i18n, 'getMessage').mockImplementation(() => {
      throw new Error('Extension context invalidated.');
    });
    expect(t('extName')).toBe('extName');
  });
});

describe('tn() (plurals through Intl.PluralRules)', () => {
  it('English: one for 1, other for 0, 2 and 1,500, with the count formatted', async () => {
    const { tn } = await i18nFor('en-US', 'en');
    expect(tn('provisionedRecorded', 1)).toBe('Recorded 1 item as provisioned.');
    expect(tn('provisionedRecorded', 2)).toBe('Recorded 2 items as provisioned.');
    expect(tn('provisionedRecorded', 0)).toBe('Recorded 0 items as provisioned.');
    expect(tn('requestMarked', 1)).toBe('1 customer marked as relationship requested.');
    expect(tn('seatsN', 1500)).toBe('1,500 seats');
  });

  it('zh-TW has no plural form: 1 and 2 read the same message', async () => {
    const { tn } = await i18nFor('zh-TW', 'zh_TW');
    expect(tn('seatsN', 1)).toBe(messages.zh_TW.seatsN_other!.message.replace('$1', '1'));
    expect(tn('seatsN', 2)).toBe(messages.zh_TW.seatsN_other!.message.replace('$1', '2'));
  });

  it('passes the substitutions given, the count choosing the form', async () => {
    const { tn } = await i18nFor('en-US', 'en');
    expect(tn('popup_showing', 1, ['1', '1'])).toBe('Showing 1 of 1 move');
    expect(tn('popup_showing', 9, ['3', '9'])).toBe('Showing 3 of 9 moves');
  });
});

describe('formatDay and formatNumber', () => {
  it('formats for Traditional Chinese in a zh-TW browser', async () => {
    const { formatDay, formatNumber } = await i18nFor('zh-TW', 'zh_TW');
    expect(formatDay('2026-03-01')).toBe('2026年3月1日');
    expect(formatDay('2026-12-31')).toBe('2026年12月31日');
    expect(formatNumber(1500)).toBe('1,500');
  });

  it('formats for English, keeping the regional order of an English browser', async () => {
    expect((await i18nFor('en-US', 'en')).formatDay('2026-03-01')).toBe('Mar 1, 2026');
    expect((await i18nFor('en-GB', 'en')).formatDay('2026-03-01')).toBe('1 Mar 2026');
  });

  it('follows the messages shown, not the browser, when there are none in its language', async () => {
    // A zh-CN browser gets the English messages (default_locale): its dates are English too.
    const { formatDay, formatLocale } = await i18nFor('zh-CN', 'en');
    expect(formatLocale()).toBe('en');
    expect(formatDay('2026-03-01')).toBe('Mar 1, 2026');
  });

  it('survives odd UI language tags', async () => {
    expect((await i18nFor('zh_TW', 'zh_TW')).formatDay('2026-03-01')).toBe('2026年3月1日');
    expect((await i18nFor('', 'en')).formatDay('2026-03-01')).toBe('Mar 1, 2026');
    expect((await i18nFor('not a tag', 'en')).formatDay('2026-03-01')).toBe('Mar 1, 2026');
  });

  it('shows anything that is not a real calendar date as given (no roll-over to March)', async () => {
    const { formatDay } = await i18nFor('en-US', 'en');
    expect(formatDay('2026-02-30')).toBe('2026-02-30');
    expect(formatDay('2026-13-01')).toBe('2026-13-01');
    expect(formatDay('')).toBe('');
    expect(formatDay('soon')).toBe('soon');
    expect(formatDay('2024-02-29')).toBe('Feb 29, 2024');
  });
});

describe('formatDay in every time zone (each in a child process: see i18n-tz-probe.ts)', () => {
  const probe = fileURLToPath(new URL('./i18n-tz-probe.ts', import.meta.url));
  const DAYS: Array<[string, string, string]> = [
    ['2026-01-01', 'Jan 1, 2026', '2026年1月1日'],
    ['2026-03-08', 'Mar 8, 2026', '2026年3月8日'], // DST starts in Los Angeles
    ['2026-11-01', 'Nov 1, 2026', '2026年11月1日'], // DST ends in Los Angeles
    ['2026-12-31', 'Dec 31, 2026', '2026年12月31日'],
    ['2024-02-29', 'Feb 29, 2024', '2024年2月29日'],
  ];
  // Kiritimati is UTC+14 (the first to reach a date), Los Angeles UTC−8/−7, Pago Pago UTC−11 (the last).
  const ZONES: Array<[string, number[]]> = [
    ['Pacific/Kiritimati', [-840, -840]],
    ['America/Los_Angeles', [480, 420]],
    ['Pacific/Pago_Pago', [660, 660]],
  ];

  it.each(ZONES)('never shifts a day in %s, at any hour of the local day', (zone, offsets) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', probe, JSON.stringify(DAYS.map((d) => d[0]))], {
      cwd: ROOT,
      env: { ...process.env, TZ: zone },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { offsets: number[]; formatted: Array<{ day: string; en: string; zh: string }>; today: Array<{ day: string; hour: number; en: string }> };
    expect(result.offsets).toEqual(offsets); // the zone really applies
    expect(result.formatted).toEqual(DAYS.map(([day, en, zh]) => ({ day, en, zh })));
    for (const t of result.today) expect(t.en, `${t.day} at ${t.hour}h`).toBe(DAYS.find((d) => d[0] === t.day)![1]);
  }, 60_000);
});
