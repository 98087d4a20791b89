/**
 * A reader of the well-known-text coordinate system descriptions found in .prj files and
 * GeoPackages (WKT1 as GDAL and Esri write it, and WKT2): KEYWORD["name", value, CHILD[…], …].
 */
export interface WktNode {
  keyword: string;
  values: (string | number | WktNode)[];
}

type Token = { kind: 'word'; text: string } | { kind: 'string'; text: string } | { kind: 'open' } | { kind: 'close' } | { kind: 'comma' };

function tokens(text: string): Token[] | null {
  const out: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const c = text[at]!;
    if (/\s/.test(c)) {
      at += 1;
    } else if (c === '[' || c === '(') {
      out.push({ kind: 'open' });
      at += 1;
    } else if (c === ']' || c === ')') {
      out.push({ kind: 'close' });
      at += 1;
    } else if (c === ',') {
      out.push({ kind: 'comma' });
      at += 1;
    } else if (c === '"') {
      // A doubled quote stands for one quote inside a string.
      let value = '';
      at += 1;
      for (;;) {
        if (at >= text.length) return null;
        if (text[at] === '"') {
          if (text[at + 1] === '"') {
            value += '"';
            at += 2;
            continue;
          }
          at += 1;
          break;
        }
        value += text[at];
        at += 1;
      }
      out.push({ kind: 'string', text: value });
    } else {
      const match = /^[^\s[\](),"]+/.exec(text.slice(at));
      if (!match) return null;
      out.push({ kind: 'word', text: match[0] });
      at += match[0].length;
    }
  }
  return out;
}

/** The tree of a WKT text, or null when it is not one. */
export function parseWkt(text: string): WktNode | null {
  const list = tokens(text.replace(/^\uFEFF/, '').trim());
  if (!list) return null;
  let at = 0;
  const node = (): WktNode | null => {
    const head = list[at];
    if (head?.kind !== 'word' || list[at + 1]?.kind !== 'open') return null;
    at += 2;
    const values: WktNode['values'] = [];
    for (;;) {
      const next = list[at];
      if (!next) return null;
      if (next.kind === 'close') {
        at += 1;
        return { keyword: head.text.toUpperCase(), values };
      }
      if (values.length > 0) {
        if (next.kind !== 'comma') return null;
        at += 1;
      }
      const item = list[at];
      if (!item) return null;
      if (item.kind === 'string') {
        values.push(item.text);
        at += 1;
      } else if (item.kind === 'word' && list[at + 1]?.kind === 'open') {
        const child = node();
        if (!child) return null;
        values.push(child);
      } else if (item.kind === 'word') {
        const number = Number(item.text);
        values.push(Number.isFinite(number) ? number : item.text);
        at += 1;
      } else {
        return null;
      }
    }
  };
  const root = node();
  return root && at === list.length ? root : null;
}

export function nameOf(node: WktNode): string {
  const first = node.values[0];
  return typeof first === 'string' ? first : '';
}

export function childrenOf(node: WktNode, ...keywords: string[]): WktNode[] {
  return node.values.filter((v): v is WktNode => typeof v === 'object' && keywords.includes(v.keyword));
}

/** Every node below `node` (itself included), depth first. */
export function* descendants(node: WktNode): Generator<WktNode> {
  yield node;
  for (const value of node.values) if (typeof value === 'object') yield* descendants(value);
}

/** The EPSG code the node itself carries (AUTHORITY["EPSG","4490"] or ID["EPSG",4490]), if any. */
export function epsgCodeOf(node: WktNode): number | null {
  for (const authority of childrenOf(node, 'AUTHORITY', 'ID')) {
    const [body, code] = authority.values;
    if (typeof body === 'string' && body.toUpperCase() === 'EPSG') {
      const n = Number(code);
      if (Number.isInteger(n)) return n;
    }
  }
  return null;
}
