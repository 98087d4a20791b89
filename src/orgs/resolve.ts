// Turning the unit names written in 巴中市's documents into organisation keys.
//
// The documents name the same body in many ways: full and short forms (市发展和改革委员会 /
// 市发展改革委), names from before and after institutional reforms (市城市管理行政执法局 /
// 市综合执法局), a shared "市" written once for a whole list (市发展改革委、经济和信息化局、…),
// full-width and half-width punctuation mixed within one file, and a county's 党委和人民政府
// standing for the county itself. Matching is therefore done on a normalised form, and the seed
// lists every spelling explicitly so that nothing is guessed.

/** The shape the resolver needs; the seed file's organisations carry more fields. */
export interface NamedOrganisation {
  key: string;
  name: string;
  fullName?: string;
  aliases: string[];
}

// Separators the documents use between the units of one list. "和" is deliberately absent: it is
// part of names such as 市自然资源和规划局 and 党委和人民政府.
const LIST_SEPARATORS = new Set(['、', '，', ',', '；', ';', ' ', '\u3000', '\t', '\n', '\r']);
const OPENING_BRACKETS = new Set(['（', '(', '〔', '[', '【']);
const CLOSING_BRACKETS = new Set(['）', ')', '〕', ']', '】']);

// Phrases that follow a list of units to say how they share the work; they are not part of the
// last unit's name (市综合执法局等按职责分工负责 names 市综合执法局).
const DUTY_SUFFIX = /(?:等)?(?:按职能职责分工负责|按职责分工负责|按职能分工负责|配合落实)$/u;

// How a county-level government is written as a responsible unit. The seed treats the county as
// the unit, so 平昌县党委和人民政府 and 文旅新区管委会 are the county and the zone.
const GOVERNMENT_SUFFIX = /(?:党委和人民政府|党委和政府|党委政府|人民政府|党工委|管委会|党委)$/u;

/**
 * Reduces a unit name to the form used for matching, so that spellings differing only in
 * punctuation width, spacing, a "巴中市"/"中共" prefix, a trailing 等 or a trailing note in
 * brackets meet in one index entry. The result is for comparison only, never for display.
 */
export function normaliseUnitName(text: string): string {
  // NFKC folds full-width letters, digits and most punctuation (（）：，；) to their ASCII forms.
  let s = text.normalize('NFKC').replace(/\s+/gu, '');
  s = s.replace(/[〔【[]/gu, '(').replace(/[〕】\]]/gu, ')');
  s = s.replace(/^[,;:、。.]+|[,;:、。.]+$/gu, '');

  // Trailing notes such as 市生态环境局(牵头); a bracket inside a name (各县(区)…) is kept.
  for (;;) {
    const stripped = s.replace(/\([^()]*\)$/u, '');
    if (stripped === s || stripped === '') break;
    s = stripped;
  }
  for (;;) {
    const stripped = s.replace(DUTY_SUFFIX, '').replace(/等$/u, '');
    if (stripped === s || stripped === '') break;
    s = stripped;
  }

  // The documents address 巴中市's own bodies as 市…; 中共巴中市委… and 巴中市… are the same bodies.
  s = s.replace(/^四川省/u, '').replace(/^中共/u, '');
  if (s.startsWith('巴中市')) s = s.slice('巴中'.length);
  return s;
}

/**
 * Splits a unit list as printed in a document into the names it contains. Brackets are respected
 * because names like 各县（区）人民政府 carry their own brackets, and a note in brackets belongs
 * to the name before it.
 */
export function splitUnitList(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  for (const ch of text) {
    if (OPENING_BRACKETS.has(ch)) depth += 1;
    else if (CLOSING_BRACKETS.has(ch) && depth > 0) depth -= 1;
    if (depth === 0 && LIST_SEPARATORS.has(ch)) {
      if (current.trim() !== '') parts.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}

/**
 * Builds a lookup from any spelling of a unit to its organisation key. Two organisations claiming
 * the same normalised spelling is a data error that would silently misattribute tasks, so it
 * throws instead of letting the later one win.
 */
export function buildUnitResolver(orgs: readonly NamedOrganisation[]): (text: string) => string | undefined {
  const index = new Map<string, string>();
  const add = (spelling: string, key: string): void => {
    const normal = normaliseUnitName(spelling);
    if (normal === '') return;
    const existing = index.get(normal);
    if (existing !== undefined && existing !== key) {
      throw new Error(`Spelling "${spelling}" is claimed by both "${existing}" and "${key}"`);
    }
    index.set(normal, key);
  };
  for (const org of orgs) {
    add(org.name, org.key);
    if (org.fullName !== undefined) add(org.fullName, org.key);
    for (const alias of org.aliases) add(alias, org.key);
  }

  const lookup = (normal: string): string | undefined => {
    const direct = index.get(normal);
    if (direct !== undefined) return direct;
    // Lists write "市" once for the whole run: 市发展改革委、经济和信息化局、市场监管局 — the last
    // being 市市场监管局, so the prefix is tried even when the name already begins with 市.
    return index.get(`市${normal}`);
  };

  return (text: string): string | undefined => {
    const normal = normaliseUnitName(text);
    if (normal === '') return undefined;
    const found = lookup(normal);
    if (found !== undefined) return found;
    const governmentless = normal.replace(GOVERNMENT_SUFFIX, '');
    if (governmentless !== normal && governmentless !== '') return lookup(governmentless);
    return undefined;
  };
}
