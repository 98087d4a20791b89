// 节点进度 on the item page: for each subject the plan sets quantities for (新改建排水管网 km …),
// planned against reported cumulative quantities, by district for a year or by year for a district,
// and where the current year stands. An item's measures count too: 004 六 sets its km in them.
import { BarChartOutlined } from '@ant-design/icons';
import { Card, Progress, Segmented, Select, Skeleton, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { LazyEChart } from '../components/LazyEChart.tsx';
import { EmptyState, ErrorState } from '../components/States.tsx';
import { useAsync } from '../hooks.ts';
import type { MilestoneProgressResponse, ProgressSeries, SubjectProgress } from './chartTypes.ts';
import { districtLabel, formatQuantity, milestoneChartOption, type MilestoneView } from './milestoneChartOption.ts';

const TOTAL = 'total';
const keyOf = (organisationId: number | null) => String(organisationId ?? 'city');

function CurrentLine({ subject, series, name }: { subject: SubjectProgress; series: ProgressSeries; name: string }) {
  const { t, i18n } = useTranslation();
  const { year, planned, reported, gap, percent } = series.current;
  const show = (value: number) => formatQuantity(value, subject.unit, i18n.language);
  const text =
    planned === null
      ? t('tasks.milestoneChart.currentNoPlan', { year, name })
      : reported === null
        ? t('tasks.milestoneChart.currentNotReported', { year, name, planned: show(planned) })
        : t('tasks.milestoneChart.current', { year, name, planned: show(planned), reported: show(reported), gap: show(gap ?? 0) });
  return (
    <div className="qs-milestone-current" data-testid="milestone-current">
      <Typography.Text>{text}</Typography.Text>
      {percent !== null && (
        <Tooltip title={t('tasks.milestoneChart.percent', { percent })}>
          <Progress percent={Math.min(100, percent)} format={() => `${percent}%`} size="small" className="qs-milestone-progress" />
        </Tooltip>
      )}
    </div>
  );
}

function SubjectChart({ subject, currentYear }: { subject: SubjectProgress; currentYear: number }) {
  const { t, i18n } = useTranslation();
  const { years } = subject;
  const [kind, setKind] = useState<MilestoneView['kind']>('district');
  const [year, setYear] = useState(() => Math.min(Math.max(currentYear, years[0]!), years.at(-1)!));
  const [scope, setScope] = useState(subject.total ? TOTAL : keyOf(subject.districts[0]!.organisationId));

  const chosen = subject.districts.find((d) => keyOf(d.organisationId) === scope);
  const series = scope === TOTAL && subject.total ? subject.total : (chosen ?? subject.districts[0]!);
  const seriesName = scope === TOTAL && subject.total ? t('tasks.milestoneChart.total') : districtLabel(t, chosen ?? subject.districts[0]!);
  const option = useMemo(
    () => milestoneChartOption(t, i18n.language, subject, kind === 'year' ? { kind, series } : { kind, yearIndex: years.indexOf(year) }),
    [t, i18n.language, subject, kind, series, years, year],
  );
  // By district the line speaks for the whole city; by year, for the row shown.
  const summary = kind === 'district' && subject.total ? { series: subject.total, name: t('tasks.milestoneChart.total') } : { series, name: seriesName };

  return (
    <div className="qs-milestone-chart" data-testid="milestone-subject">
      <div className="qs-milestone-head">
        <Typography.Text strong>{subject.subject}</Typography.Text>
        {subject.unit && <Tag variant="filled">{t('tasks.milestoneChart.unit', { unit: subject.unit })}</Tag>}
        <Tooltip title={subject.cumulative ? t('tasks.milestoneChart.cumulativeHint') : t('tasks.milestoneChart.perYearHint')}>
          <Tag color={subject.cumulative ? 'blue' : 'purple'}>{subject.cumulative ? t('tasks.milestoneChart.cumulative') : t('tasks.milestoneChart.perYear')}</Tag>
        </Tooltip>
        <div className="qs-toolbar-spacer" />
        <Segmented<MilestoneView['kind']>
          size="small"
          value={kind}
          onChange={setKind}
          options={[
            { value: 'district', label: t('tasks.milestoneChart.byDistrict') },
            { value: 'year', label: t('tasks.milestoneChart.byYear') },
          ]}
          data-testid="milestone-view"
        />
        {kind === 'district' ? (
          <Select
            size="small"
            value={year}
            onChange={setYear}
            options={years.map((y) => ({ value: y, label: t('tasks.milestoneChart.year', { year: y }) }))}
            style={{ width: 100 }}
            aria-label={t('tasks.milestoneChart.chooseYear')}
            data-testid="milestone-year"
          />
        ) : (
          <Select
            size="small"
            value={scope}
            onChange={setScope}
            options={[
              ...(subject.total ? [{ value: TOTAL, label: t('tasks.milestoneChart.total') }] : []),
              ...subject.districts.map((d) => ({ value: keyOf(d.organisationId), label: districtLabel(t, d) })),
            ]}
            style={{ width: 130 }}
            popupMatchSelectWidth={false}
            aria-label={t('tasks.milestoneChart.chooseDistrict')}
            data-testid="milestone-district"
          />
        )}
      </div>
      <LazyEChart option={option} label={t('tasks.milestoneChart.label', { subject: subject.subject })} height={280} testId="milestone-canvas" />
      <CurrentLine subject={subject} series={summary.series} name={summary.name} />
    </div>
  );
}

/** `reportsFiled`: the item's report count, so that a report filed on the page reloads the chart. */
export function MilestoneChart({ itemId, reportsFiled }: { itemId: number; reportsFiled: number }) {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useAsync(
    () => api.get<MilestoneProgressResponse>(`/api/tasks/items/${itemId}/milestone-progress`),
    [itemId, reportsFiled],
  );
  return (
    <Card
      className="qs-card qs-task-section"
      title={
        <span>
          <span className="qs-card-title-icon">
            <BarChartOutlined />
          </span>
          {t('tasks.milestoneChart.title')}
        </span>
      }
      data-testid="milestone-chart"
    >
      {error && !loading ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !data ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : data.subjects.length === 0 ? (
        <EmptyState description={t('tasks.milestoneChart.empty')} />
      ) : (
        <>
          <Typography.Paragraph type="secondary" className="qs-small">
            {t('tasks.milestoneChart.hint')}
          </Typography.Paragraph>
          {data.subjects.map((subject) => (
            <SubjectChart key={subject.subject} subject={subject} currentYear={data.currentYear} />
          ))}
        </>
      )}
    </Card>
  );
}
