// web/src/spatial/layerNames.tsx: results carry layer and zone names in Chinese; in English the page
// shows the names of the layer catalogue, and whatever the catalogue does not know stays as given.
import { describe, expect, it } from 'vitest';
import { layerNamesIn } from '../../web/src/spatial/layerNames.tsx';
import { seedCatalogue as catalogue, seedLayers } from './support.ts';

const reserve = seedLayers.find((l) => l.code === 'nature_reserve')!;
const core = reserve.zones!.find((z) => z.code === 'core')!;

describe('layerNamesIn', () => {
  it('gives the catalogue’s English names in English', () => {
    const names = layerNamesIn(catalogue, 'en');
    expect(names.layer('nature_reserve', reserve.name)).toBe(reserve.nameEn);
    expect(names.zone('nature_reserve', 'core', core.name)).toBe(core.nameEn);
    expect(reserve.nameEn).not.toBe(reserve.name);
  });

  it('keeps the names the result carries in Chinese', () => {
    const names = layerNamesIn(catalogue, 'zh-CN');
    expect(names.layer('nature_reserve', '结果里的名称')).toBe('结果里的名称');
    expect(names.zone('nature_reserve', 'core', '结果里的分区')).toBe('结果里的分区');
  });

  it('falls back to the given name for what the catalogue does not know, or before it has loaded', () => {
    for (const names of [layerNamesIn(catalogue, 'en'), layerNamesIn(undefined, 'en')]) {
      expect(names.layer('no_such_layer', '未知图层')).toBe('未知图层');
      expect(names.layer(null, '空气质量监测站')).toBe('空气质量监测站');
      expect(names.zone('nature_reserve', 'no_such_zone', '未知分区')).toBe('未知分区');
      expect(names.zone(null, null, null)).toBeNull();
    }
  });
});
