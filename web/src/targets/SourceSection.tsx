// 数值来源 of an indicator: entered by units, computed by 任务督办 from a task item's sub-items, derived by
// formula from other indicators, or bound to 环境监测 and pending (entered values meanwhile) — with the
// computed values and what each was computed from.
import { ApiOutlined } from '@ant-design/icons';
import { Card, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { plain, withUnit } from './figures.ts';
import { periodLabel } from './reasons.ts';
import type { ComputedValue, IndicatorDetail, IndicatorSource } from './types.ts';

const ORIGIN_COLOURS = { entered: 'default', computed: 'cyan', derived: 'purple', pending: 'gold' } as const;

/** The tag of where an indicator's values come from: 填报, 自动计算, 公式计算, or 待接入监测. */
export function OriginTag({ origin, pending }: { origin: IndicatorSource['origin']; pending: boolean }) {
  const { t } = useTranslation();
  const kind = pending ? 'pending' : origin;
  return (
    <Tag color={ORIGIN_COLOURS[kind]} data-testid="indicator-origin" data-origin={kind}>
      {t(`targets.source.origins.${kind}`)}
    </Tag>
  );
}

/** "{能源消费总量} ÷ {地区生产总值}": a formula with its operands' names. */
function formulaWords(source: IndicatorSource): string {
  if (!source.formula) return '';
  const names = new Map(source.formula.operands.map((o) => [o.key, o.name]));
  return source.formula.expression
    .replace(/\{([a-z0-9-]+)\}/g, (_, key: string) => names.get(key) ?? key)
    .replace(/\s*\/\s*/g, ' ÷ ')
    .replace(/\s*\*\s*/g, ' × ');
}

function explanation(t: TFunction, source: IndicatorSource): string {
  const { binding } = source;
  if (source.origin === 'derived') return t('targets.source.derived', { formula: formulaWords(source) });
  if (binding?.module === 'tasks') {
    const item = binding.item.join(' ');
    if (!binding.found) return t('targets.source.taskItemMissing', { list: binding.list, item });
    return t('targets.source.tasks', { list: binding.list, item, title: binding.itemTitle ?? '', measure: t(`targets.source.measures.${binding.measure}`) });
  }
  if (binding?.module === 'monitoring') {
    const measure = t(`targets.source.measures.${binding.measure}`);
    return binding.status === 'active' ? t('targets.source.monitoring', { measure }) : t('targets.source.pending', { measure });
  }
  return t('targets.source.entered');
}

function basis(t: TFunction, value: ComputedValue, source: IndicatorSource): string {
  if (value.tasks) return value.tasks.items === 0 ? t('targets.source.noItems') : t('targets.source.taskBasis', value.tasks);
  if (value.monitoring) return monitoringBasis(t, value.monitoring, value.missing === 'no_data');
  if (value.operands) {
    const operands = source.formula?.operands ?? [];
    const words = value.operands.map((o) => {
      const operand = operands.find((x) => x.key === o.key);
      return `${operand?.name ?? o.key} ${o.value === null ? '—' : withUnit(plain(o.value), operand?.unit ?? null)}`;
    });
    const missing = value.missing === 'operands' ? t('targets.source.missingOperands') : value.missing === 'division_by_zero' ? t('targets.source.divisionByZero') : null;
    return [words.join(t('tasks.separator')), missing].filter(Boolean).join(' · ');
  }
  return '';
}

/** "HJ633-2012 · 有效天数 361 · 年度未结束，截至目前 · 示例数据": what a value computed from monitoring data rests on. */
function monitoringBasis(t: TFunction, basis: NonNullable<ComputedValue['monitoring']>, noData: boolean): string {
  const counts =
    basis.sites === undefined
      ? t('targets.source.monitoringBasis', { standard: basis.standard, days: basis.days ?? 0 })
      : t('targets.source.monitoringWaterBasis', { standard: basis.standard, sites: basis.sites, counted: basis.counted ?? 0 });
  const words = [noData ? t('targets.source.noData') : counts];
  if (basis.meetsValidity === false && !basis.partial && !noData) words.push(t('targets.source.monitoringInvalid'));
  if (basis.partial) words.push(t('targets.source.monitoringPartial'));
  if (basis.straddlesChange) words.push(t('targets.source.monitoringStraddles'));
  if (basis.demo) words.push(t('targets.source.monitoringDemo'));
  return words.join(' · ');
}

export function SourceSection({ indicator }: { indicator: IndicatorDetail }) {
  const { t } = useTranslation();
  const { source } = indicator;
  const pending = source.binding?.status === 'pending';
  const columns: TableProps<ComputedValue>['columns'] = [
    {
      title: t('targets.source.columns.year'),
      key: 'year',
      width: 120,
      render: (_, v) => (v.period === 'year' ? t('targets.yearShort', { year: v.year }) : t('targets.yearPeriod', { year: v.year, period: periodLabel(t, v.period) })),
    },
    {
      title: t('targets.source.columns.value'),
      key: 'value',
      width: 140,
      render: (_, v) => (v.value === null ? <span className="qs-muted">—</span> : <strong>{withUnit(plain(v.value), indicator.unit)}</strong>),
    },
    { title: t('targets.source.columns.basis'), key: 'basis', render: (_, v) => basis(t, v, source) },
  ];
  return (
    <Card
      className="qs-card"
      title={
        <span>
          <span className="qs-card-title-icon">
            <ApiOutlined />
          </span>
          {t('targets.source.title')}
        </span>
      }
      extra={<OriginTag origin={source.origin} pending={pending} />}
      data-testid="indicator-source"
    >
      <Typography.Paragraph className="qs-target-source-text" data-testid="indicator-source-text">
        {explanation(t, source)}
      </Typography.Paragraph>
      {source.formula && (
        <Typography.Paragraph type="secondary" className="qs-small">
          {source.formula.operands.map((o, i) => (
            <span key={o.key}>
              {i > 0 && t('tasks.separator')}
              <Link to={`/targets/indicators/${o.key}`}>{o.name}</Link>
            </span>
          ))}
        </Typography.Paragraph>
      )}
      {source.origin !== 'entered' &&
        (source.computed.length === 0 ? (
          <Typography.Text type="secondary">{t('targets.source.noComputed')}</Typography.Text>
        ) : (
          <Table<ComputedValue>
            size="small"
            rowKey={(v) => `${v.year}-${v.period}`}
            dataSource={[...source.computed].reverse()}
            columns={columns}
            pagination={false}
            data-testid="indicator-computed"
          />
        ))}
    </Card>
  );
}
