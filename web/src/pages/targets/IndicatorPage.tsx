// 指标: one indicator with its wordings, unit and direction, the baselines the documents state, every
// target by document with its assessment in words, its trend against the targets, the districts, and its
// values — entered, submitted, reviewed — with what the user may do with them.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Result, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api, isApiError } from '../../api.ts';
import { ErrorState } from '../../components/States.tsx';
import { useAsync } from '../../hooks.ts';
import { plain, withUnit } from '../../targets/figures.ts';
import { DistrictChart, TrendChart } from '../../targets/IndicatorCharts.tsx';
import { districtBars } from '../../targets/indicatorChartOptions.ts';
import { localNote, StatusTag } from '../../targets/labels.tsx';
import { SourceSection } from '../../targets/SourceSection.tsx';
import { TargetsSection } from '../../targets/TargetsSection.tsx';
import { STATUSES, type IndicatorDetail, type TargetDocument } from '../../targets/types.ts';
import { ValuesSection } from '../../targets/ValuesSection.tsx';
import '../../targets/targets.css';

/** The first year the scorecard offers; the plans' baselines are of 2020. */
const FIRST_YEAR = 2020;

function Header({ indicator, onYear }: { indicator: IndicatorDetail; onYear: (year: number) => void }) {
  const { t, i18n } = useTranslation();
  const thisYear = Math.max(new Date().getFullYear(), indicator.asOfYear);
  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: t('targets.asOfOption', { year: y }) }));
  const note = localNote(i18n.language, indicator);
  const counts = STATUSES.map((s) => [s, indicator.targets.filter((a) => a.assessment.status === s).length] as const).filter(([, n]) => n > 0);
  return (
    <Card className="qs-card qs-target-header" data-testid="indicator-header">
      <div className="qs-target-header-top">
        <div>
          <Typography.Title level={4} className="qs-target-title" data-testid="indicator-name">
            {indicator.name}
          </Typography.Title>
          <Typography.Text type="secondary" className="qs-small">
            {indicator.key}
          </Typography.Text>
        </div>
        <Space wrap size={6} data-testid="indicator-status-counts">
          <Select
            size="small"
            value={indicator.asOfYear}
            onChange={onYear}
            options={years}
            style={{ width: 140 }}
            aria-label={t('targets.indicator.asOf')}
            data-testid="indicator-year"
          />
          {counts.map(([s, n]) => (
            <span key={s} className="qs-target-header-count">
              <StatusTag status={s} testId="indicator-status" /> × {n}
            </span>
          ))}
        </Space>
      </div>
      <Descriptions column={{ xs: 1, md: 2 }} size="small" className="qs-target-facts" styles={{ label: { width: 120 } }}>
        <Descriptions.Item label={t('targets.fields.unit')}>{indicator.unit ?? t('targets.noUnit')}</Descriptions.Item>
        <Descriptions.Item label={t('targets.fields.direction')}>{t(`targets.directions.${indicator.direction}`)}</Descriptions.Item>
        <Descriptions.Item label={t('targets.fields.aliases')} span={{ xs: 1, md: 2 }}>
          {indicator.aliases.length === 0 ? (
            <span className="qs-muted">—</span>
          ) : (
            <span data-testid="indicator-aliases">
              {indicator.aliases.map((a) => (
                <Tag key={a} className="qs-target-alias">
                  {a}
                </Tag>
              ))}
            </span>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('targets.fields.baselines')} span={{ xs: 1, md: 2 }}>
          {indicator.baselines.length === 0 ? (
            <span className="qs-muted">{t('targets.noBaseline')}</span>
          ) : (
            <div data-testid="indicator-baselines">
              {indicator.baselines.map((b) => (
                <div key={`${b.year}-${b.clause}`}>
                  {t('targets.baselineLine', {
                    year: b.year,
                    value: b.value === null ? b.asWritten : withUnit(plain(b.value), indicator.unit),
                    doc: b.doc ?? '',
                    clause: b.clause,
                  })}
                  {b.note && <span className="qs-target-latest-meta"> · {localNote(i18n.language, b)}</span>}
                </div>
              ))}
            </div>
          )}
        </Descriptions.Item>
        {note && (
          <Descriptions.Item label={t('targets.fields.note')} span={{ xs: 1, md: 2 }}>
            <span data-testid="indicator-note">{note}</span>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

export function IndicatorPage() {
  const { t } = useTranslation();
  const { key = '' } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const yearParam = params.get('year');
  const year = yearParam ? Number(yearParam) : undefined;
  const { data: indicator, error, loading, reload } = useAsync(() => api.get<IndicatorDetail>(`/api/indicators/${encodeURIComponent(key)}`, { year }), [key, year]);
  const chooseYear = (y: number) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (y === new Date().getFullYear()) next.delete('year');
        else next.set('year', String(y));
        return next;
      },
      { replace: true },
    );
  const documents = useAsync(() => api.get<TargetDocument[]>('/api/targets/documents'), []);
  const titles = useMemo(() => new Map((documents.data ?? []).map((d) => [d.id, d.title])), [documents.data]);

  if (loading && !indicator) {
    return (
      <div className="qs-page">
        <Card className="qs-card">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </div>
    );
  }
  if (error || !indicator) {
    return (
      <div className="qs-page">
        {isApiError(error) && error.status === 404 ? (
          <Result
            status="404"
            title={t('targets.indicator.notFound')}
            extra={
              <Button type="primary" onClick={() => void navigate('/targets/indicators')}>
                {t('targets.indicator.toList')}
              </Button>
            }
          />
        ) : (
          <ErrorState error={error} onRetry={reload} />
        )}
      </div>
    );
  }

  const bars = districtBars(indicator);
  const hasDistricts = bars.length > 0;
  return (
    <div className="qs-page" data-testid="indicator-page">
      <div className="qs-task-back">
        <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => (window.history.length > 1 ? void navigate(-1) : void navigate('/targets'))}>
          {t('common.back')}
        </Button>
      </div>
      <Header indicator={indicator} onYear={chooseYear} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={hasDistricts ? 14 : 24}>
          <TrendChart indicator={indicator} />
        </Col>
        {hasDistricts && (
          <Col xs={24} xl={10}>
            <DistrictChart indicator={indicator} bars={bars} />
          </Col>
        )}
        <Col span={24}>
          <SourceSection indicator={indicator} />
        </Col>
        <Col span={24}>
          <ValuesSection indicator={indicator} onChanged={reload} />
        </Col>
        <Col span={24}>
          <TargetsSection indicator={indicator} titles={titles} onChanged={reload} />
        </Col>
      </Row>
    </div>
  );
}
