import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { screeningReportDocx } from '../../src/spatial/report/docx.ts';
import { figureFrame, mapFigureSvg } from '../../src/spatial/report/map-figure.ts';
import { svgToPng } from '../../src/spatial/report/render-png.ts';
import type { Screening } from '../../src/spatial/screening/service.ts';
import type { ReportLayerVersion } from '../../src/spatial/report/types.ts';
import { mu, reportFileName, shanghaiTime, siteInputSummary, SQUARE_METRES_PER_MU } from '../../src/spatial/report/words.ts';

const site = { type: 'Polygon' as const, coordinates: [[[106.75, 31.86], [106.76, 31.86], [106.76, 31.868], [106.75, 31.868], [106.75, 31.86]]] };

const BASIS = '自然保护地核心保护区内禁止开发性、生产性建设活动';
const ADMISSION = '禁止新建、扩建化工园区和化工项目';

function screening(overrides: Partial<Screening> = {}): Screening {
  return {
    id: 7,
    token: 'AbCdEfGhIjKlMnOp1234',
    projectName: '巴州区某化工项目',
    category: { code: 'chemical', name: '化工', nameEn: 'Chemicals' },
    attributes: { 产能: '5万吨/年', 占地: 80 },
    input: { kind: 'polygon', coordinates: site.coordinates },
    site,
    siteAreaM2: 845_321.4,
    verdict: 'inadmissible',
    reasons: ['选址压占自然保护地核心保护区（示例保护区），依规禁止。', '距嘉陵江不足 1 公里。'],
    reasonDetails: null,
    warnings: [],
    layers: [
      { layer: 'nature_reserve', layerName: '自然保护地', versionId: 11, version: 2, demo: true, hits: [{ featureId: 501, name: '示例保护区', zone: 'core', zoneName: '核心保护区', overlapM2: 12_345.6, shareOfSite: 0.0146 }] },
      { layer: 'basic_farmland', layerName: '永久基本农田', versionId: 12, version: 1, demo: false, hits: [] },
      { layer: 'forest_land', layerName: '林地', versionId: null, version: null, demo: false, hits: [] },
      { layer: 'control_unit', layerName: '环境管控单元', versionId: 13, version: 1, demo: false, hits: [{ featureId: 601, name: '巴州区重点管控单元', zone: 'key', zoneName: '重点管控单元', overlapM2: 845_321.4, shareOfSite: 1 }] },
    ],
    distances: [
      { kind: 'layer', layer: 'water_source', layerName: '集中式饮用水水源保护区', featureId: 701, name: '化成水库水源地', zone: 'level1', zoneName: '一级保护区', distanceM: 1834.2 },
      { kind: 'air_station', layer: null, layerName: '空气质量监测站', featureId: 3, name: '巴中市监测站', zone: null, zoneName: null, distanceM: 5210 },
    ],
    controlUnits: [
      {
        featureId: 601,
        name: '巴州区重点管控单元',
        zone: 'key',
        zoneName: '重点管控单元',
        overlapM2: 845_321.4,
        shareOfSite: 1,
        admissionList: { spatialLayout: ADMISSION, emissionControl: '执行特别排放限值', riskPrevention: null, resourceEfficiency: '单位产品能耗达到先进水平' },
      },
    ],
    rules: [
      {
        ruleId: 3,
        layer: 'nature_reserve',
        layerName: '自然保护地',
        zone: 'core',
        zoneName: '核心保护区',
        category: null,
        verdict: 'prohibited',
        withinM: null,
        basis: BASIS,
        doc: '002',
        docTitle: null,
        clause: '(二十)',
        features: [{ featureId: 501, name: '示例保护区', overlapM2: 12_345.6, distanceM: null }],
      },
    ],
    ruleSet: { id: 4, version: 3 },
    demo: true,
    createdAt: '2026-03-01T01:05:00.000Z',
    createdBy: { id: 2, name: '张三' },
    ...overrides,
  };
}

const versions = (s: Screening): ReportLayerVersion[] =>
  s.layers.map((l) => ({ layer: l.layer, layerName: l.layerName, versionId: l.versionId, version: l.version, demo: l.demo, sourceName: `${l.layer}.zip`, importedAt: '2026-02-01T00:00:00Z' }));

async function documentOf(s: Screening, withFigure = true) {
  const frame = figureFrame(s.site);
  const drawn = mapFigureSvg({ site: s.site, frame, layers: [], features: [], demo: s.demo });
  const figure = withFigure ? { png: svgToPng(drawn.svg, { scale: 1 }), width: drawn.width, height: drawn.height } : null;
  const file = await screeningReportDocx({ screening: s, figure, versions: versions(s), documentTitles: { '002': '巴中市生态环境保护规划' }, generatedAt: new Date('2026-03-02T16:30:00Z') });
  const files = unzipSync(new Uint8Array(file));
  return { files, xml: strFromU8(files['word/document.xml']!) };
}

/** The text of the document, runs joined (Word may split a paragraph into runs). */
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

describe('screening report (DOCX)', () => {
  it('carries the project, the verdict with reasons, the tables and the versions', async () => {
    const s = screening();
    const { xml } = await documentOf(s);
    const text = textOf(xml);
    expect(text).toContain('建设项目选址生态环境准入筛查报告');
    expect(text).toContain('项目准入一图读懂');
    expect(text).toContain(s.projectName);
    expect(text).toContain('化工');
    expect(text).toContain('产能：5万吨/年');
    expect(text).toContain('总体结论：不予准入');
    for (const reason of s.reasons) expect(text).toContain(reason);
    // Area in m² and 亩.
    expect(text).toContain('845,321 m²');
    expect(text).toContain(`${mu(s.siteAreaM2)} 亩`);
    // Hits with their share; distances; the control unit's 准入清单 in its four parts.
    expect(text).toContain('示例保护区');
    expect(text).toContain('1.46%');
    expect(text).toContain('化成水库水源地');
    expect(text).toContain('1,834');
    expect(text).toContain('巴中市监测站');
    for (const part of ['空间布局约束', '污染物排放管控', '环境风险防控', '资源利用效率']) expect(text).toContain(part);
    expect(text).toContain(ADMISSION);
    // The rule's verdict, basis and source, the document title from source_document.
    expect(text).toContain(BASIS);
    expect(text).toContain('禁止');
    expect(text).toContain('《巴中市生态环境保护规划》 (二十)');
    // The layer versions and the rule set.
    expect(text).toContain('第 2 版');
    expect(text).toContain('nature_reserve.zip');
    expect(text).toContain('筛查规则集：第 3 版');
    // A layer without data was not screened: it is not said to be clear.
    expect(text).toContain('未压占的图层：永久基本农田。');
    expect(text).toContain('尚未载入数据、未能筛查的图层：林地。');
    // Demo data, the link and the times in Asia/Shanghai.
    expect(text).toContain('示例数据：本次筛查使用了平台生成的示例图层（自然保护地）');
    expect(text).toContain('自然保护地（示例数据）');
    expect(text).toContain('/map/screening/AbCdEfGhIjKlMnOp1234');
    expect(text).toContain('2026年3月1日 09:05（北京时间）');
    expect(text).toContain('报告生成时间：2026年3月3日 00:30（北京时间）');
    expect(text).toContain('筛查人：张三');
  });

  it('embeds the map figure as a PNG', async () => {
    const { files, xml } = await documentOf(screening());
    const media = Object.keys(files).filter((name) => name.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect(Buffer.from(files[media[0]!]!.subarray(0, 4)).toString('latin1')).toBe('\x89PNG');
    expect(xml).toContain('<w:drawing>');
  });

  it('words each overall verdict, and leaves out 示例数据 without demo layers', async () => {
    const words = { conditional: '有条件准入', admissible: '可准入', manual_review: '需人工研判' } as const;
    for (const [verdict, word] of Object.entries(words)) {
      const s = screening({ verdict: verdict as keyof typeof words, demo: false, layers: screening().layers.map((l) => ({ ...l, demo: false })) });
      const text = textOf((await documentOf(s, false)).xml);
      expect(text).toContain(`总体结论：${word}`);
      // No warning and no layer marked (the version table's column header stays).
      expect(text).not.toContain('示例数据：');
      expect(text).not.toContain('（示例数据）');
      expect(text.split('示例数据')).toHaveLength(2);
      expect(text).toContain('选址图未能生成');
    }
  });
});

describe('report words', () => {
  it('tells Asia/Shanghai time across midnight UTC', () => {
    expect(shanghaiTime(new Date(Date.UTC(2026, 0, 1, 16, 5)))).toBe('2026年1月2日 00:05（北京时间）');
  });

  it('converts m² to 亩 (1 亩 = 666.67 m²)', () => {
    expect(SQUARE_METRES_PER_MU * 15).toBeCloseTo(10_000, 9);
    expect(mu(6666.7)).toBe('10.00');
  });

  it('summarises each kind of site input', () => {
    expect(siteInputSummary({ kind: 'point', lon: 106.75, lat: 31.86, radiusM: 300 })).toContain('106.750000°E, 31.860000°N');
    expect(siteInputSummary({ kind: 'line', coordinates: [[106.7, 31.8], [106.8, 31.9], [106.9, 31.95]], widthM: 30 })).toContain('共 3 个节点');
    expect(siteInputSummary({ kind: 'polygon', coordinates: site.coordinates })).toContain('共 4 个顶点');
    expect(siteInputSummary({ kind: 'boundary_points', text: 'J1 3530000.1 36500000.2\nJ2 3530100 36500000\nJ3 3530100 36500100\n', srid: 4524 })).toMatch(/^3 个界址点.*EPSG:4524/);
  });

  it('names the file after the project, without characters file systems refuse', () => {
    expect(reportFileName('巴州区/某项目')).toBe('巴州区_某项目-准入筛查报告.docx');
  });
});
