// A screening's result as it reads best on screen: the overall verdict in colour and words with its
// reasons, then the rules that applied (with basis and source), the layers hit, the distances to
// sensitive features, the control units with their 准入清单, and the versions of everything used.
import { CopyOutlined, DownloadOutlined, LinkOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../format.ts';
import { formatArea, formatLength } from './legend.ts';
import { useLayerNames } from './layerNames.tsx';
import { localName } from './LayerTree.tsx';
import { screeningReasonTexts } from './reasons.ts';
import type { ControlUnitHit, DistanceRow, LayerHit, RuleOutcome, Screening } from './types.ts';
import { RuleVerdictTag, VerdictTag } from './verdicts.tsx';

interface HitRow extends LayerHit {
  key: string;
  layer: string;
  layerName: string;
  demo: boolean;
}

/** The layer whose features are 环境管控单元 (src/spatial/screening/service.ts). */
const CONTROL_UNIT_LAYER = 'control_unit';

export function screeningLink(token: string): string {
  return `${window.location.origin}/map/screening/${encodeURIComponent(token)}`;
}

export function reportUrl(token: string): string {
  return `/api/spatial/screenings/${encodeURIComponent(token)}/report.docx`;
}

function useNumber() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'zh-CN';
  return {
    locale,
    m2: (v: number | null | undefined) => (v == null ? '—' : new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(v)),
    pct: (share: number | null | undefined) => (share == null ? '—' : `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(share * 100)}%`),
    length: (v: number | null | undefined) => (v == null ? '—' : formatLength(v, locale)),
  };
}

function Section({ title, children, testId, count }: { title: string; children: ReactNode; testId: string; count?: number }) {
  const { t } = useTranslation();
  return (
    <Card size="small" className="qs-card qs-spatial-section" style={{ marginTop: 12 }} title={count === undefined ? title : t('spatial.titleCount', { title, count })} data-testid={testId}>
      {children}
    </Card>
  );
}

/** `saved`: shown on the screening's own page, which needs no link to itself. */
export function ScreeningResult({ screening, saved = false }: { screening: Screening; saved?: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const n = useNumber();
  const names = useLayerNames();
  const area = formatArea(screening.siteAreaM2, n.locale);

  const copyLink = async () => {
    const link = screeningLink(screening.token);
    try {
      await navigator.clipboard.writeText(link);
      void message.success(t('spatial.result.copied'));
    } catch {
      void message.info(link, 8);
    }
  };

  const reasons = screeningReasonTexts(screening, t, names, n.length);
  const hits: HitRow[] = screening.layers.flatMap((l) =>
    l.hits.map((h) => ({ ...h, key: `${l.layer}-${h.featureId}`, layer: l.layer, layerName: l.layerName, demo: l.demo })),
  );

  const ruleColumns: TableProps<RuleOutcome>['columns'] = [
    { title: t('spatial.result.cols.verdict'), key: 'verdict', width: 120, render: (_, r) => <RuleVerdictTag verdict={r.verdict} /> },
    {
      title: t('spatial.result.cols.layer'),
      key: 'layer',
      width: 200,
      render: (_, r) => (
        <div>
          <div>{names.layer(r.layer, r.layerName)}</div>
          {r.zoneName && <div className="qs-small qs-spatial-muted">{names.zone(r.layer, r.zone, r.zoneName)}</div>}
        </div>
      ),
    },
    {
      title: t('spatial.result.cols.condition'),
      key: 'condition',
      width: 150,
      render: (_, r) => (r.withinM == null ? t('spatial.result.overlaps') : t('spatial.result.within', { distance: n.length(r.withinM) })),
    },
    {
      title: t('spatial.result.cols.features'),
      key: 'features',
      width: 220,
      render: (_, r) =>
        r.features.length === 0
          ? '—'
          : r.features.map((f) => (
              <div key={String(f.featureId)}>
                {f.name ?? t('spatial.identify.unnamed')}
                <span className="qs-small qs-spatial-muted">
                  {f.overlapM2 != null ? ` · ${n.m2(f.overlapM2)} m²` : ''}
                  {f.distanceM != null ? ` · ${n.length(f.distanceM)}` : ''}
                </span>
              </div>
            )),
    },
    { title: t('spatial.result.cols.basis'), key: 'basis', render: (_, r) => <span data-testid="rule-basis">{r.basis}</span> },
    {
      title: t('spatial.result.cols.source'),
      key: 'source',
      width: 220,
      render: (_, r) => [r.docTitle ?? r.doc, r.clause].filter(Boolean).join(' ') || '—',
    },
  ];

  const hitColumns: TableProps<HitRow>['columns'] = [
    {
      title: t('spatial.result.cols.layer'),
      key: 'layer',
      render: (_, h) => (
        <span>
          {names.layer(h.layer, h.layerName)} {h.demo && <Tag color="orange" className="qs-spatial-tag">{t('spatial.demo.tag')}</Tag>}
        </span>
      ),
    },
    { title: t('spatial.result.cols.feature'), key: 'name', render: (_, h) => h.name ?? t('spatial.identify.unnamed') },
    { title: t('spatial.result.cols.zone'), key: 'zone', render: (_, h) => names.zone(h.layer, h.zone, h.zoneName) ?? '—' },
    { title: t('spatial.result.cols.overlap'), key: 'overlap', align: 'right', render: (_, h) => n.m2(h.overlapM2) },
    { title: t('spatial.result.cols.share'), key: 'share', align: 'right', render: (_, h) => n.pct(h.shareOfSite) },
  ];

  const distanceColumns: TableProps<DistanceRow>['columns'] = [
    { title: t('spatial.result.cols.kind'), key: 'kind', width: 140, render: (_, d) => t(`spatial.result.distanceKind.${d.kind}`) },
    {
      title: t('spatial.result.cols.layer'),
      key: 'layer',
      render: (_, d) => (d.kind === 'layer' ? names.layer(d.layer, d.layerName) : t(`spatial.result.stationLayer.${d.kind}`)),
    },
    { title: t('spatial.result.cols.feature'), key: 'name', render: (_, d) => d.name ?? t('spatial.identify.unnamed') },
    { title: t('spatial.result.cols.zone'), key: 'zone', render: (_, d) => names.zone(d.layer, d.zone, d.zoneName) ?? '—' },
    { title: t('spatial.result.cols.distance'), key: 'distance', align: 'right', render: (_, d) => (d.distanceM === 0 ? t('spatial.result.inside') : n.length(d.distanceM)) },
  ];

  return (
    <div className="qs-spatial-result" data-testid="screening-result" data-token={screening.token}>
      <Card className="qs-card" size="small">
        <div className="qs-spatial-verdict">
          <VerdictTag verdict={screening.verdict} large testId="screening-verdict" />
          <div style={{ flex: 1, minWidth: 260 }}>
            <Typography.Title level={5} style={{ margin: 0 }} data-testid="screening-project">
              {screening.projectName}
            </Typography.Title>
            <Typography.Text type="secondary" className="qs-small">
              {localName(screening.category, i18n.language)} · {t('spatial.result.siteArea', { metric: area.metric, mu: area.mu })} · {formatDateTime(screening.createdAt)}
              {screening.createdBy ? ` · ${screening.createdBy.name}` : ''}
            </Typography.Text>
            {screening.demo && (
              <div>
                <Tag color="orange" data-testid="screening-demo">
                  {t('spatial.result.demoUsed')}
                </Tag>
              </div>
            )}
          </div>
          <Space wrap>
            <Button type="primary" icon={<DownloadOutlined />} href={reportUrl(screening.token)} download data-testid="screening-report">
              {t('spatial.result.report')}
            </Button>
            <Button icon={<CopyOutlined />} onClick={() => void copyLink()} data-testid="screening-copy">
              {t('spatial.result.copyLink')}
            </Button>
            {!saved && (
              <Link to={`/map/screening/${encodeURIComponent(screening.token)}`} data-testid="screening-link">
                <LinkOutlined /> {t('spatial.result.open')}
              </Link>
            )}
          </Space>
        </div>
        {reasons.length > 0 && (
          <ul className="qs-spatial-reasons" data-testid="screening-reasons">
            {reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        )}
        {Object.keys(screening.attributes ?? {}).length > 0 && (
          <Descriptions
            size="small"
            style={{ marginTop: 12 }}
            column={{ xs: 1, md: 3 }}
            items={Object.entries(screening.attributes).map(([k, v]) => ({ key: k, label: k, children: String(v) }))}
          />
        )}
      </Card>

      <Section title={t('spatial.result.rules')} testId="screening-rules" count={screening.rules.length}>
        <Table<RuleOutcome>
          rowKey={(r) => `${r.ruleId}`}
          size="small"
          pagination={false}
          dataSource={screening.rules}
          columns={ruleColumns}
          locale={{ emptyText: t('spatial.result.noRules') }}
          onRow={(r) => ({ 'data-testid': 'rule-row', 'data-verdict': r.verdict }) as HTMLAttributes<HTMLElement>}
          scroll={{ x: 1000 }}
        />
      </Section>

      <Section title={t('spatial.result.hits')} testId="screening-hits" count={hits.length}>
        <Table<HitRow>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={hits}
          columns={hitColumns}
          locale={{ emptyText: t('spatial.result.noHits') }}
          onRow={(h) => ({ 'data-testid': 'hit-row', 'data-layer': h.layer }) as HTMLAttributes<HTMLElement>}
        />
      </Section>

      <Section title={t('spatial.result.distances')} testId="screening-distances" count={screening.distances.length}>
        <Table<DistanceRow>
          rowKey={(d) => `${d.kind}-${d.layer ?? ''}-${d.featureId}`}
          size="small"
          pagination={false}
          dataSource={screening.distances}
          columns={distanceColumns}
          locale={{ emptyText: t('spatial.result.noDistances') }}
        />
      </Section>

      <Section title={t('spatial.result.controlUnits')} testId="screening-control-units" count={screening.controlUnits.length}>
        {screening.controlUnits.length === 0 ? (
          <Typography.Text type="secondary">{t('spatial.result.noControlUnits')}</Typography.Text>
        ) : (
          screening.controlUnits.map((u: ControlUnitHit) => (
            <Descriptions
              key={String(u.featureId)}
              size="small"
              bordered
              column={1}
              style={{ marginBottom: 12 }}
              title={
                <span>
                  {u.name ?? t('spatial.identify.unnamed')} {u.zoneName && <Tag>{names.zone(CONTROL_UNIT_LAYER, u.zone, u.zoneName)}</Tag>}
                  <span className="qs-small qs-spatial-muted">
                    {n.m2(u.overlapM2)} m² · {n.pct(u.shareOfSite)}
                  </span>
                </span>
              }
              items={(['spatialLayout', 'emissionControl', 'riskPrevention', 'resourceEfficiency'] as const).map((part) => ({
                key: part,
                label: t(`spatial.result.admission.${part}`),
                children: u.admissionList[part] ?? '—',
              }))}
            />
          ))
        )}
      </Section>

      <Section title={t('spatial.result.versions')} testId="screening-versions">
        <div className="qs-spatial-versions">
          {screening.layers.map((l) => (
            <Tag key={l.layer} color={l.demo ? 'orange' : undefined}>
              {names.layer(l.layer, l.layerName)} {l.version != null ? `v${l.version}` : t('spatial.result.noVersion')}
              {l.demo ? ` · ${t('spatial.demo.tag')}` : ''}
            </Tag>
          ))}
          <Tag color="geekblue" data-testid="screening-rule-set">
            {screening.ruleSet ? t('spatial.result.ruleSet', { version: screening.ruleSet.version }) : t('spatial.result.noRuleSet')}
          </Tag>
        </div>
      </Section>
    </div>
  );
}
