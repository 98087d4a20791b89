// The web UI's message files: both languages have the same keys, no value is empty, every
// key the source asks for by name exists, and no Chinese text hides in the components.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const webSrc = join(root, 'web', 'src');
const i18nDir = join(webSrc, 'i18n');

type Messages = { [key: string]: string | Messages };

function load(name: string): Messages {
  return JSON.parse(readFileSync(join(i18nDir, name), 'utf8')) as Messages;
}

function flatten(messages: Messages, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(messages)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
    } else {
      out.set(key, v);
    }
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (path === i18nDir) continue;
      out.push(...sourceFiles(path));
    } else if (/\.(tsx?|jsx?)$/.test(name) && !/\.test\.tsx?$/.test(name)) {
      out.push(path);
    }
  }
  return out;
}

const zh = flatten(load('zh-CN.json'));
const en = flatten(load('en.json'));
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

describe('web message files', () => {
  it('have the same keys in zh-CN and en', () => {
    const onlyZh = [...zh.keys()].filter((k) => !en.has(k));
    const onlyEn = [...en.keys()].filter((k) => !zh.has(k));
    expect({ onlyZh, onlyEn }).toEqual({ onlyZh: [], onlyEn: [] });
    expect(zh.size).toBeGreaterThan(100);
  });

  it('have no empty values and only strings', () => {
    for (const [name, map] of [
      ['zh-CN', zh],
      ['en', en],
    ] as const) {
      const bad = [...map.entries()].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => `${name}:${k}`);
      expect(bad).toEqual([]);
    }
  });

  it('use the same interpolation variables in both languages', () => {
    const vars = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const mismatched = [...zh.keys()].filter((k) => JSON.stringify(vars(zh.get(k))) !== JSON.stringify(vars(en.get(k))));
    expect(mismatched).toEqual([]);
  });

  it('name the product as required', () => {
    expect(zh.get('app.name')).toBe('青山 · 生态环境智慧治理平台');
    expect(en.get('app.name')).toBe('Qingshan Eco-Environment Governance Platform');
    expect(zh.get('modules.underConstruction')).toBe('本模块建设中');
  });

  it('contain every key the source asks for by a literal name', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(webSrc)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([A-Za-z0-9_.-]+)'/g)) {
        const key = m[1]!;
        if (!zh.has(key)) missing.push(`${relative(root, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  // Comments may name the domain's Chinese term (the style guide asks for it once per type); code may not.
  it('hold all visible Chinese text: no CJK characters in source code outside web/src/i18n', () => {
    const files = sourceFiles(webSrc);
    expect(files.some((f) => f.endsWith('.tsx'))).toBe(true);
    const offenders: string[] = [];
    for (const file of files) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const code = line.replace(/\/\/.*$/, '').replace(/\/\*.*?\*\//g, '').replace(/^\s*\*.*$/, '');
          if (CJK.test(code)) offenders.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });
});
