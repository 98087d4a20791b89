/**
 * 建设项目选址生态环境准入筛查报告 as a Word document, in the platform's government layout
 * (tasks/exports/official-docx.ts): the project, the verdict with its reasons, the map figure, the
 * tables of hits, distances, control units and rules, and the data and rule versions it rests on.
 */
import { AlignmentType, BorderStyle, ImageRun, Paragraph, type Table } from 'docx';
import { chineseNumber } from '../../tasks/exports/chinese.ts';
import { body, heading, officialDocx, run, SAN_HAO, SUBHEADING, table, title, TYPE_AREA_WIDTH, WU_HAO, BODY, HEADING } from '../../tasks/exports/official-docx.ts';
import type { Screening } from '../screening/service.ts';
import { RULE_VERDICT_WORDS, VERDICT_WORDS } from '../screening/rules.ts';
import type { ReportLayerVersion } from './types.ts';
import {
  ADMISSION_LIST_PARTS,
  attributesWords,
  DISTANCE_KIND_WORDS,
  metres,
  mu,
  percent,
  REPORT_SUBTITLE,
  REPORT_TITLE,
  RULE_VERDICT_FILLS,
  screeningLink,
  shanghaiTime,
  siteExtentWords,
  siteInputSummary,
  siteKindWords,
  squareMetres,
  VERDICT_COLOURS,
} from './words.ts';

export interface ScreeningReportInput {
  screening: Screening;
  /** The map figure; absent when it could not be drawn. */
  figure: { png: Buffer; width: number; height: number } | null;
  versions: readonly ReportLayerVersion[];
  /** source_document titles by id, for rules whose screening did not carry the title. */
  documentTitles: Readonly<Record<string, string>>;
  generatedAt: Date;
}

/** 小四 12pt, in half-points. */
const XIAO_SI = 24;
const PAGE_WIDTH_PX = 590; // the type area (TYPE_AREA_WIDTH twips) at 96 dpi

const columns = (...spec: [string, number, boolean?][]) => {
  const fixed = spec.slice(0, -1).reduce((n, [, w]) => n + w, 0);
  return spec.map(([header, width, center], i) => ({ header, width: i === spec.length - 1 ? TYPE_AREA_WIDTH - fixed : width, center }));
};

const emphasis = (label: string, text: string, colour: string) =>
  new Paragraph({
    indent: { firstLine: 640 },
    spacing: { line: 560, lineRule: 'exact' },
    children: [run(label, HEADING, SAN_HAO), run(text, HEADING, SAN_HAO, { bold: true, color: colour })],
  });

const demoWarning = (layers: string[]) =>
  new Paragraph({
    spacing: { before: 120, after: 120 },
    border: { top: { style: BorderStyle.SINGLE, size: 8, color: 'C0392B', space: 4 }, bottom: { style: BorderStyle.SINGLE, size: 8, color: 'C0392B', space: 4 } },
    children: [
      run('示例数据：', HEADING, XIAO_SI, { color: 'C0392B' }),
      run(
        `本次筛查使用了平台生成的示例图层（${layers.join('、')}），其边界不是正式数据，筛查结果仅供演示，不能作为项目准入的依据。载入正式图层后请重新筛查。`,
        BODY,
        XIAO_SI,
        { color: 'C0392B' },
      ),
    ],
  });

const caption = (text: string) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [run(text, SUBHEADING, XIAO_SI)] });

function featureLabel(name: string | null, id: string | number) {
  return name ?? `要素 #${id}`;
}

function projectTable(s: Screening): Table {
  const area = `${squareMetres(s.siteAreaM2)} m²（约 ${mu(s.siteAreaM2)} 亩）`;
  return table(columns(['项目', 1900, true], ['内容', 0]), [
    ['项目名称', s.projectName],
    ['项目类别', s.category.name],
    ['关键属性', attributesWords(s.attributes)],
    ['选址方式', siteKindWords(s.input)],
    ['选址坐标', siteInputSummary(s.input)],
    ['选址范围', siteExtentWords(s.site)],
    ['选址面积', area],
    ['筛查编号', s.token],
  ]);
}

function hitsSection(s: Screening): (Paragraph | Table)[] {
  const rows = s.layers.flatMap((l) =>
    l.hits.map((h) => [l.layerName + (l.demo ? '（示例数据）' : ''), featureLabel(h.name, h.featureId), h.zoneName ?? '—', squareMetres(h.overlapM2), percent(h.shareOfSite)]),
  );
  const untouched = s.layers.filter((l) => l.hits.length === 0 && l.versionId !== null).map((l) => l.layerName);
  const unloaded = s.layers.filter((l) => l.versionId === null).map((l) => l.layerName);
  const out: (Paragraph | Table)[] = [];
  if (rows.length === 0) out.push(body('选址未压占任何参与筛查图层的要素。', { indent: true }));
  else
    out.push(
      table(
        columns(['序号', 620, true], ['图层', 2000], ['要素名称', 2300], ['分区', 1400], ['重叠面积（m²）', 1300, true], ['占选址比例', 0, true]),
        rows.map((r, i) => [String(i + 1), ...r]),
      ),
    );
  if (untouched.length > 0) out.push(body(`未压占的图层：${untouched.join('、')}。`, { indent: true }));
  if (unloaded.length > 0) out.push(body(`尚未载入数据、未能筛查的图层：${unloaded.join('、')}。`, { indent: true }));
  return out;
}

function distancesSection(s: Screening): (Paragraph | Table)[] {
  if (s.distances.length === 0) return [body('无可计算距离的敏感目标。', { indent: true })];
  const kind = (d: Screening['distances'][number]) => (d.kind === 'layer' ? d.layerName : d.layerName || DISTANCE_KIND_WORDS[d.kind]);
  return [
    table(
      columns(['序号', 620, true], ['类型', 2600], ['名称', 2600], ['分区', 1500], ['最近距离（m）', 0, true]),
      s.distances.map((d, i) => [String(i + 1), kind(d), featureLabel(d.name, d.featureId), d.zoneName ?? '—', d.distanceM === 0 ? '0（相交）' : metres(d.distanceM)]),
    ),
  ];
}

function controlUnitsSection(s: Screening): (Paragraph | Table)[] {
  if (s.controlUnits.length === 0) return [body('选址未落入已载入的环境管控单元。', { indent: true })];
  return s.controlUnits.flatMap((unit, index) => [
    heading(
      `（${chineseNumber(index + 1)}）${featureLabel(unit.name, unit.featureId)}${unit.zoneName ? `（${unit.zoneName}）` : ''}，重叠 ${squareMetres(unit.overlapM2)} m²，占选址 ${percent(unit.shareOfSite)}`,
      2,
    ),
    table(
      columns(['准入清单', 1900, true], ['管控要求', 0]),
      ADMISSION_LIST_PARTS.map((part) => [part.name, unit.admissionList[part.key]?.trim() || '—']),
    ),
  ]);
}

function rulesSection(s: Screening, titles: Readonly<Record<string, string>>): (Paragraph | Table)[] {
  if (s.rules.length === 0) return [body('没有适用于本项目类别和选址的准入规则。', { indent: true })];
  const source = (r: Screening['rules'][number]) => {
    const docTitle = r.docTitle ?? (r.doc ? titles[r.doc] : undefined);
    const document = docTitle ? `《${docTitle}》` : r.doc ? `文件 ${r.doc}` : '';
    return [document, r.clause].filter(Boolean).join(' ') || '—';
  };
  const features = (r: Screening['rules'][number]) =>
    r.features
      .map((f) => {
        const measure = f.overlapM2 !== null ? `重叠 ${squareMetres(f.overlapM2)} m²` : f.distanceM !== null ? `距离 ${metres(f.distanceM)} m` : '';
        return `${featureLabel(f.name, f.featureId)}${measure ? `（${measure}）` : ''}`;
      })
      .join('；') || '—';
  const scope = (r: Screening['rules'][number]) =>
    `${r.layerName}${r.zoneName ? `·${r.zoneName}` : ''}${r.withinM !== null ? `（${metres(r.withinM)} m 范围内）` : ''}`;
  return [
    table(
      columns(['序号', 560, true], ['图层及分区', 1500], ['判定', 900, true], ['涉及要素', 1700], ['依据', 2585], ['来源', 0]),
      s.rules.map((r, i) => [String(i + 1), scope(r), RULE_VERDICT_WORDS[r.verdict], features(r), r.basis, source(r)]),
      (row, column) => (column === 2 ? RULE_VERDICT_FILLS[s.rules[row]!.verdict] : undefined),
    ),
  ];
}

function versionsSection(s: Screening, versions: readonly ReportLayerVersion[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  if (versions.length === 0) out.push(body('本次筛查未使用任何图层版本。', { indent: true }));
  else
    out.push(
      table(
        columns(['图层', 2300], ['版本', 1000, true], ['数据来源', 2300], ['导入时间', 2000, true], ['示例数据', 0, true]),
        versions.map((v) => [
          v.layerName,
          v.version === null ? '未载入' : `第 ${v.version} 版`,
          v.sourceName ?? '—',
          v.importedAt ? shanghaiTime(v.importedAt).replace('（北京时间）', '') : '—',
          v.version === null ? '—' : v.demo ? '是' : '否',
        ]),
        (row, column) => (column === 4 && versions[row]!.demo ? 'FCE8A6' : undefined),
      ),
    );
  out.push(body(s.ruleSet ? `筛查规则集：第 ${s.ruleSet.version} 版（规则集编号 ${s.ruleSet.id}）。` : '筛查规则集：无（未使用规则）。', { indent: true }));
  return out;
}

export async function screeningReportDocx(input: ScreeningReportInput): Promise<Buffer> {
  const s = input.screening;
  const demoLayers = s.layers.filter((l) => l.demo).map((l) => l.layerName);
  const children: (Paragraph | Table)[] = [
    title(REPORT_TITLE, 0),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [run(REPORT_SUBTITLE, SUBHEADING, SAN_HAO)] }),
  ];
  if (s.demo) children.push(demoWarning(demoLayers.length > 0 ? demoLayers : ['示例图层']));

  let section = 0;
  const next = (text: string) => heading(`${chineseNumber((section += 1))}、${text}`);

  children.push(next('项目基本情况'), projectTable(s));

  children.push(next('筛查结论'), emphasis('总体结论：', VERDICT_WORDS[s.verdict], VERDICT_COLOURS[s.verdict]));
  if (s.reasons.length === 0) children.push(body('未发现限制准入的情形。', { indent: true }));
  s.reasons.forEach((reason, i) => children.push(body(`${i + 1}. ${reason}`, { indent: true })));
  if (s.warnings.length > 0) children.push(body(`选址输入提示：${s.warnings.join('；')}`, { indent: true }));

  children.push(next('选址叠加图'));
  if (input.figure) {
    const height = Math.round((PAGE_WIDTH_PX * input.figure.height) / input.figure.width);
    children.push(
      new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, children: [new ImageRun({ type: 'png', data: input.figure.png, transformation: { width: PAGE_WIDTH_PX, height } })] }),
      caption(`图 1  项目选址与压占、邻近要素叠加示意图${s.demo ? '（含示例数据）' : ''}`),
    );
  } else children.push(body('选址图未能生成。', { indent: true }));

  children.push(next('压占图层要素情况'), ...hitsSection(s));
  children.push(next('与敏感目标的距离'), ...distancesSection(s));
  children.push(next('涉及的环境管控单元及生态环境准入清单'), ...controlUnitsSection(s));
  children.push(next('适用的准入规则及判定'), ...rulesSection(s, input.documentTitles));
  children.push(next('筛查所用数据和规则版本'), ...versionsSection(s, input.versions));
  if (s.demo) children.push(demoWarning(demoLayers.length > 0 ? demoLayers : ['示例图层']));

  children.push(
    next('在线查看和生成信息'),
    body(`在线查看：${screeningLink(s.token)}`, { indent: true }),
    body(`筛查时间：${shanghaiTime(s.createdAt)}${s.createdBy ? `；筛查人：${s.createdBy.name}` : ''}`, { indent: true }),
    body(`报告生成时间：${shanghaiTime(input.generatedAt)}`, { indent: true }),
    body('本报告由青山平台依据所列图层版本和规则集自动生成，供项目选址前期研判参考；最终以主管部门审查意见为准。', { indent: true }),
  );
  return officialDocx(`${s.projectName} ${REPORT_TITLE}`, children);
}
