// 日历热力图: a station's year of daily AQI (GET /api/monitoring/air/stations/:id/daily), each day in
// its level's colour, with the legend of the six levels. The year opens on the station's latest data.
import { Card, DatePicker, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorState, EmptyState } from '../components/States.tsx';
import { useAsync } from '../hooks.ts';
import { loadDailySeries } from './air.ts';
import { AqiLegend, DemoMark } from './AqiMarks.tsx';
import { aqiCalendarOption } from './calendarChart.ts';
import { latestDayOf } from './realtime.ts';

const AqiCalendarChart = lazy(() => import('./AqiCalendarChart.tsx').then((m) => ({ default: m.AqiCalendarChart })));

const HEIGHT = 190;
const cstYear = (): number => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

/** The year of the station's latest hour, else this year. */
async function latestYear(stationId: number): Promise<number> {
  const day = await latestDayOf(stationId);
  return day ? Number(day.slice(0, 4)) : cstYear();
}

export function AqiCalendar({ station }: { station: { id: number; name: string } }) {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('year')) || undefined;
  const fallback = useAsync(() => (asked ? Promise.resolve(asked) : latestYear(station.id)), [station.id, asked]);
  const year = asked ?? fallback.data;
  const series = useAsync(
    () => (year ? loadDailySeries(station.id, `${year}-01-01`, `${year}-12-31`) : Promise.resolve(undefined)),
    [station.id, year],
  );
  const days = series.data?.items ?? [];
  const language = i18n.language === 'en' ? 'EN' : 'ZH';
  const option = useMemo(() => (year ? aqiCalendarOption(t, year, days, language) : null), [t, year, series.data, language]); // eslint-disable-line react-hooks/exhaustive-deps
  const withAqi = days.filter((d) => d.aqi !== null).length;

  const setYear = (value: number) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('year', String(value));
        return next;
      },
      { replace: true },
    );

  return (
    <Card
      className="qs-card"
      title={t('monitoring.calendar.title')}
      data-testid="aqi-calendar"
      extra={
        <DatePicker
          picker="year"
          value={year ? dayjs(`${year}-01-01`) : null}
          allowClear={false}
          onChange={(d) => d && setYear(d.year())}
          style={{ width: 110 }}
          aria-label={t('monitoring.calendar.year')}
          data-testid="calendar-year"
        />
      }
    >
      {series.error && !series.loading ? (
        <ErrorState error={series.error} onRetry={series.reload} />
      ) : !year || (series.loading && !series.data) ? (
        <Skeleton active />
      ) : withAqi === 0 ? (
        <div data-testid="calendar-empty">
          <EmptyState description={t('monitoring.calendar.empty', { year })} />
        </div>
      ) : (
        <>
          <div className="qs-air-calendar-head">
            <Typography.Text type="secondary" className="qs-small" data-testid="calendar-count">
              {t('monitoring.calendar.count', { count: withAqi, counted: days.filter((d) => d.counted).length })}
            </Typography.Text>
            {series.data?.demo && <DemoMark note={series.data.demoNote} />}
          </div>
          <Suspense fallback={<div style={{ height: HEIGHT }} />}>
            <AqiCalendarChart option={option!} label={t('monitoring.calendar.chartLabel', { site: station.name, year })} height={HEIGHT} testId="calendar-chart" />
          </Suspense>
          <AqiLegend />
          <Typography.Paragraph type="secondary" className="qs-small qs-mon-convention">
            {t('monitoring.calendar.note')}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
