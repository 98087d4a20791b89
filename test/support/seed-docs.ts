import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SEEDS_DIR } from '../../src/paths.ts';
import { buildUnitResolver, normaliseUnitName } from '../../src/orgs/resolve.ts';
import { SOURCE_DOCS } from './source-docs.ts';

// What the seed tests share: the city's source documents as text, the task-list seed files
// (seeds/bazhong/tasks/*.json, described in SCHEMA.md there) with every field the format requires,
// and the unit names of seeds/bazhong/organisations.json they resolve against.

/** The raw text of a source document by its id (000…004). */
export function docText(id: string): string {
  if (!existsSync(SOURCE_DOCS)) throw new Error(`Source documents not found at ${SOURCE_DOCS} (set QINGSHAN_SOURCE_DOCS)`);
  const file = readdirSync(SOURCE_DOCS).find((f) => f.startsWith(`${id}_`));
  if (file === undefined) throw new Error(`Document ${id} not found in ${SOURCE_DOCS}`);
  return readFileSync(join(SOURCE_DOCS, file), 'utf8');
}

/** Text without whitespace: the text files break lines mid-word, so quotes are compared without it. */
export const squeeze = (s: string): string => s.replace(/\s+/gu, '');

/** Lines trimmed and empty ones dropped: the text files break every cell and sentence into lines. */
export const nonEmptyLines = (text: string): string[] =>
  text.split(/\r?\n/u).map((l) => l.trim()).filter((l) => l !== '');

// ---- The task-list seed files ----------------------------------------------------------------

export interface SeedTarget { text: string; quantity: number | null; unit: string | null; subject: string | null; deadline: string | null }
export interface SeedMilestone { subject: string; unit: string; district: string; year: number; quantity: number; cumulative: boolean }
export interface SeedAsset { kind: string; name: string; district: string | null; status: string | null }
export interface SeedItem {
  ref: string;
  heading: string | null;
  title: string;
  text: string;
  clause: string;
  lead: string[];
  responsible: string[];
  supervising: string[];
  persons: string[];
  deadline: string | null;
  targets: SeedTarget[];
  indicator: { row: number; name: string } | null;
  public: boolean;
  milestones: SeedMilestone[];
  assets: SeedAsset[];
  children: SeedItem[];
}
export interface SeedList {
  key: string;
  doc: string;
  title: string;
  year: number;
  reportSchedule: string | null;
  scheduleSource: string | null;
  acceptance: 'supervisor' | 'lead' | 'coordinator';
}
/** A seed file; `List` adds the fields one document's list carries beyond the common ones. */
export interface SeedTaskList<List extends SeedList = SeedList> {
  list: List;
  items: SeedItem[];
}

/** Every field an item (and each of its children) carries, sorted. */
export const SEED_ITEM_FIELDS = [
  'ref', 'heading', 'title', 'text', 'clause', 'lead', 'responsible', 'supervising', 'persons', 'deadline',
  'targets', 'indicator', 'public', 'milestones', 'assets', 'children',
].sort();

export function readTaskSeed<List extends SeedList = SeedList>(key: string): SeedTaskList<List> {
  return JSON.parse(readFileSync(join(SEEDS_DIR, 'bazhong', 'tasks', `${key}.json`), 'utf8')) as SeedTaskList<List>;
}

/** Calls `visit` on every item and child, parents first, with the refs down to it run together. */
export function walkItems(items: SeedItem[], visit: (item: SeedItem, path: string) => void, prefix = ''): void {
  for (const item of items) {
    visit(item, `${prefix}${item.ref}`);
    walkItems(item.children, visit, `${prefix}${item.ref}`);
  }
}

export function allItems(list: SeedTaskList): SeedItem[] {
  const out: SeedItem[] = [];
  walkItems(list.items, (item) => out.push(item));
  return out;
}

/** A changed deep copy of a seed, to show that a check notices the change. */
export function brokenCopy<T extends SeedTaskList>(seed: T, change: (list: T) => void): T {
  const copy = structuredClone(seed);
  change(copy);
  return copy;
}

/** Collects each quote that the document does not contain (whitespace aside); nulls are not quotes. */
export function quoteChecker(document: string): { quoted(where: string, text: string | null): void; problems: string[] } {
  const squeezed = squeeze(document);
  const problems: string[] = [];
  return {
    problems,
    quoted(where, text) {
      if (text === null) return;
      if (squeeze(text) === '' || !squeezed.includes(squeeze(text))) problems.push(`${where}: "${text}" is not in the document`);
    },
  };
}

// ---- The organisations the unit names resolve to ---------------------------------------------

export interface SeedOrganisations {
  documents: Record<string, { file: string; title: string }>;
  organisations: { key: string; name: string; kind: string; fullName?: string; aliases: string[] }[];
  /** Phrases such as 各县（区）人民政府 that name several units, or none in particular. */
  collectives: { key: string; text: string; aliases: string[] }[];
}

export const organisationSeed = JSON.parse(readFileSync(join(SEEDS_DIR, 'bazhong', 'organisations.json'), 'utf8')) as SeedOrganisations;

/** The key of the organisation a unit name stands for, or undefined. */
export const resolveUnit = buildUnitResolver(organisationSeed.organisations);

const collectiveSpellings = new Set(organisationSeed.collectives.flatMap((c) => [c.text, ...c.aliases]).map((t) => normaliseUnitName(t)));
export const isCollective = (name: string): boolean => collectiveSpellings.has(normaliseUnitName(name));

/**
 * Unit names that are not one name (a list left unsplit, stray spaces) or that neither resolve nor
 * are a collective, each named by `at` of its item.
 */
export function unitProblems(list: SeedTaskList, at: (item: SeedItem) => string): string[] {
  const problems: string[] = [];
  for (const it of allItems(list)) {
    for (const u of [...it.lead, ...it.responsible, ...it.supervising]) {
      if (u.trim() !== u || /[、，,；;]/u.test(u)) problems.push(`${at(it)}: "${u}" is not a single unit name`);
      if (!isCollective(u) && resolveUnit(u) === undefined) problems.push(`${at(it)}: "${u}" does not resolve`);
    }
  }
  return problems;
}
