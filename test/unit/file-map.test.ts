/**
 * docs/file-map.md is true to the tree: every file under src/ is named in it, every file or folder
 * it names exists, and every module an arrow points at exists.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const MAP = readFileSync(join(ROOT, 'docs/file-map.md'), 'utf8');
const TOP = /^(src|test|public|scripts|docs|\.ci)\//;

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(`${dir}/${e.name}`) : [`${dir}/${e.name}`]));
}

/** `a/{b,c}.json` → `a/b.json`, `a/c.json`. */
function expand(token: string): string[] {
  const m = /^(.*)\{([^}]*)\}(.*)$/.exec(token);
  return m ? m[2]!.split(',').flatMap((part) => expand(`${m[1]}${part}${m[3]}`)) : [token];
}

const ticks = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
const looksLikePath = (t: string) => /^[\w.{},/*-]+$/.test(t) && (t.includes('/') || /\.\w+$/.test(t));

interface Entry {
  line: string;
  /** Files and folders the entry describes (before its ` — `), as repository paths. */
  named: string[];
  /** Files a folder entry lists in its description (`index.ts`, `badge.ts` …). */
  inFolder: string[];
  /** What its arrow points at, as written (checked for src/ entries). */
  arrows: string[];
  base: string;
}

function entries(): Entry[] {
  const out: Entry[] = [];
  let base = '';
  for (const line of MAP.split('\n')) {
    const heading = /^## `([^`]+)`/.exec(line);
    if (heading) base = heading[1]!;
    else if (line.startsWith('## ')) base = '';
    if (!line.startsWith('- `')) continue;
    const [head = '', rest = ''] = line.split(' — ', 2);
    const [description = '', arrow = ''] = rest.split(' → ', 2);
    const absolute = (t: string) => TOP.test(t) || base === '' || t.startsWith(base);
    const heads = ticks(head).filter(looksLikePath).flatMap(expand);
    // `test/fixtures/seed-moves.ts`, `page-timer.ts`: later names sit beside the first.
    const first = heads[0] ?? '';
    const dir = absolute(first) ? first.replace(/[^/]*\/?$/, '') : base;
    const named = heads.map((t) => (absolute(t) ? t : `${dir}${t}`));
    const inFolder = named.filter((n) => n.endsWith('/') && n.startsWith('src/')).flatMap((folder) => ticks(description).filter((t) => /^[\w.-]+\.\w+$/.test(t)).map((t) => `${folder}${t}`));
    out.push({ line, named, inFolder, arrows: base.startsWith('src/') ? ticks(arrow) : [], base });
  }
  return out;
}

describe('docs/file-map.md', () => {
  const all = entries();
  const named = all.flatMap((e) => [...e.named, ...e.inFolder]);

  it('names every file under src/', () => {
    const covered = (f: string) => named.some((n) => n === f);
    expect(filesUnder('src').filter((f) => !covered(f))).toEqual([]);
  });

  it('names only files and folders that exist', () => {
    expect(named.filter((n) => !n.includes('*') && !existsSync(join(ROOT, n)))).toEqual([]);
  });

  it('points its arrows only at modules that exist', () => {
    const exists = (e: Entry, t: string): boolean => {
      const base = e.base;
      if (!t.includes('/') && !/^[a-z]/.test(t) && !/^[A-Z]\w+$/.test(t)) return true;
      if (/^[@a-z][\w.-]*(\/[\w.-]+)?$/.test(t) && existsSync(join(ROOT, 'node_modules', t))) return true;
      const roots = [base, 'src/', ...e.named.map((n) => n.replace(/[^/]*\/?$/, ''))];
      return roots.some((r) =>
        ['', '.ts', '.tsx', '/'].some((ext) => {
          const p = `${r}${t.replace(/\*.*$/, '')}${ext}`;
          return existsSync(join(ROOT, p)) && (ext !== '' || statSync(join(ROOT, p)).isFile() || statSync(join(ROOT, p)).isDirectory());
        }),
      );
    };
    const stale = all.flatMap((e) => e.arrows.filter((t) => looksLikePath(t) || /^[\w-]+$/.test(t)).filter((t) => !exists(e, t)).map((t) => `${e.named.join(', ')} → ${t}`));
    expect(stale).toEqual([]);
  });
});
