// What the web UI's pure tests share: the message files in both languages, as the app loads them, and
// the seeded layer catalogue the map holds (English names of layers and zones).
import { readFileSync } from 'node:fs';
import i18next, { type TFunction } from 'i18next';
import type { LayerView } from '../../web/src/spatial/types.ts';

const messages = (name: string) => JSON.parse(readFileSync(new URL(`../../web/src/i18n/${name}.json`, import.meta.url), 'utf8')) as object;

/** A t function for each language of the UI. */
export async function uiTranslations(): Promise<{ zh: TFunction; en: TFunction }> {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { 'zh-CN': { translation: messages('zh-CN') }, en: { translation: messages('en') } }, lng: 'zh-CN', interpolation: { escapeValue: false } });
  return { zh: i18n.getFixedT('zh-CN'), en: i18n.getFixedT('en') };
}

export interface SeedLayer {
  code: string;
  name: string;
  nameEn: string;
  zones?: { code: string; name: string; nameEn: string }[];
}

export const seedLayers = (JSON.parse(readFileSync(new URL('../../seeds/bazhong/spatial/layers.json', import.meta.url), 'utf8')) as { layers: SeedLayer[] }).layers;

/** The seeded layers as the catalogue endpoint gives them, with what layer names need. */
export const seedCatalogue = seedLayers.map((l) => ({ code: l.code, name: l.name, nameEn: l.nameEn, zones: l.zones ?? [] }) as unknown as LayerView);
