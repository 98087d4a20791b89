// One section's or source's twelve months (GET /api/monitoring/water/sites/:id/months): each month's
// class and the values of the items that most often decide it, and for a source the items over its
// limit. Shown when a row of the water tables is opened.
import { Table, Tag } from 'antd';
import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { waterParameter, type WaterParameterKey } from '../../../src/monitoring/water/parameters.ts';
import { ErrorState } from '../components/States.tsx';
import { useAsync } from '../hooks.ts';
import { loadSiteMonths, shortNumber, type DataBasis, type WaterSiteMonths } from './water.ts';
import { ClassTag } from './WaterClassCalculator.tsx';

type Month = WaterSiteMonths['months'][number];

/** The items that decide the class of the basin's rivers most months (the conventional five and the nutrients); lakes add TN. */
const SHOWN: readonly WaterParameterKey[] = ['DO', 'CODMn', 'COD', 'BOD5', 'NH3-N', 'TP'];
const SHOWN_IN_LAKES: readonly WaterParameterKey[] = [...SHOWN, 'TN'];

export function WaterMonths({ siteId, year, basis }: { siteId: number; year: number; basis: DataBasis }) {
  const { t } = useTranslation();
  const months = useAsync(() => loadSiteMonths(siteId, year, basis), [siteId, year, basis]);
  if (months.error) return <ErrorState error={months.error} onRetry={months.reload} />;
  const source = months.data?.site.kind === 'source';
  const none = <span className="qs-muted">—</span>;
  const columns: TableProps<Month>['columns'] = [
    { title: t('monitoring.water.month'), key: 'month', width: 80, render: (_, m) => m.month },
    { title: t('monitoring.water.classOfPeriod'), key: 'class', width: 90, render: (_, m) => (m.class ? <ClassTag waterClass={m.class} /> : none) },
    ...(months.data?.site.waterBody === 'lake' ? SHOWN_IN_LAKES : SHOWN).map((key) => ({
      title: (
        <span>
          {waterParameter(key).name}
          <div className="qs-muted qs-small">{waterParameter(key).unit}</div>
        </span>
      ),
      key,
      width: 80,
      align: 'right' as const,
      render: (_: unknown, m: Month) => {
        const value = m.evaluation?.values[key];
        return value === undefined ? none : shortNumber(value);
      },
    })),
    source
      ? {
          title: t('monitoring.drinking.exceedances'),
          key: 'exceedances',
          render: (_: unknown, m: Month) =>
            m.exceedances && m.exceedances.length > 0 ? (
              <Tag color="error">{m.exceedances.map((e) => e.name).join(t('monitoring.format.list'))}</Tag>
            ) : (
              none
            ),
        }
      : {
          title: t('monitoring.water.mainPollutants'),
          key: 'pollutants',
          render: (_: unknown, m: Month) =>
            m.evaluation && m.evaluation.mainPollutants.length > 0
              ? m.evaluation.mainPollutants
                  .map((p) => (p.exceedMultiple === null ? p.name : t('monitoring.water.pollutantWithMultiple', { name: p.name, multiple: p.exceedMultiple })))
                  .join(t('monitoring.format.list'))
              : none,
        },
  ];
  return (
    <Table<Month>
      rowKey="month"
      size="small"
      loading={months.loading}
      dataSource={months.data?.months ?? []}
      columns={columns}
      pagination={false}
      data-testid="water-months"
    />
  );
}
