// 空气质量指数计算器: the public POST /api/v1/calc/aqi with the indicators of the chosen standard and
// mode (the server's own lists), and its answer — AQI in its colour, category, primary pollutants and
// each indicator's IAQI, with the notes that explain an NA or a capped figure.
import { CalculatorOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Form, InputNumber, Radio, Row, Select, Table, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { indicatorsOf, type AqiMode, type AqiNote, type Indicator } from '../../../src/monitoring/air/aqi.ts';
import { AQI_STANDARDS, type AqiStandard } from '../../../src/monitoring/air/standard-versions.ts';
import { api } from '../api.ts';
import { ProblemAlert, type FormProblem } from '../components/ProblemAlert.tsx';
import { calculatorProblem } from './calcProblem.ts';
import { textOn } from './labels.tsx';
import type { AqiResult } from './types.ts';
import { SPECIES_TEXT, unitOfSpecies } from './air.ts';

const unitOf = (indicator: Indicator): string => unitOfSpecies(indicator.species);

/** "PM2.5_24h_moving" → "PM₂.₅ 24小时滑动平均". */
export function indicatorLabel(t: TFunction, indicator: Indicator): string {
  const averaging = indicator.key.slice(indicator.species.length + 1);
  return `${SPECIES_TEXT[indicator.species] ?? indicator.species} ${t(`monitoring.calc.averaging.${averaging}`, { defaultValue: averaging })}`;
}

function noteText(t: TFunction, note: AqiNote): string {
  const species = (list: readonly string[]) => list.map((s) => SPECIES_TEXT[s] ?? s).join(t('monitoring.format.list'));
  switch (note.code) {
    case 'above_last_breakpoint':
      return t('monitoring.calc.notes.aboveLastBreakpoint', { indicator: note.indicator });
    case 'so2_1h_over_800':
      return t(note.counted === 200 ? 'monitoring.calc.notes.so2Counted200' : note.replacedBy ? 'monitoring.calc.notes.so2Replaced' : 'monitoring.calc.notes.so2Missing');
    case 'o3_8h_over_800':
      return t(note.counted === 300 ? 'monitoring.calc.notes.o3Counted300' : 'monitoring.calc.notes.o3By1h');
    case 'missing':
      return t('monitoring.calc.notes.missing', { pollutants: species(note.pollutants) });
    case 'not_published':
      return t('monitoring.calc.notes.notPublished', { pollutants: species(note.pollutants) });
  }
}

interface AqiForm {
  standard: AqiStandard;
  mode: AqiMode;
  values: Record<string, number | null | undefined>;
}

export function AqiCalculator() {
  const { t } = useTranslation();
  const [form] = Form.useForm<AqiForm>();
  const standard = Form.useWatch('standard', form) ?? 'HJ633-2026';
  const mode = Form.useWatch('mode', form) ?? 'daily';
  const indicators = indicatorsOf(standard, mode);
  const [result, setResult] = useState<AqiResult | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (input: AqiForm) => {
    const keys = new Set(indicators.map((i) => i.key));
    const values = Object.fromEntries(Object.entries(input.values ?? {}).filter(([k, v]) => keys.has(k) && v !== null && v !== undefined));
    setBusy(true);
    setProblem(null);
    try {
      setResult(await api.post<AqiResult>('/api/v1/calc/aqi', { standard: input.standard, mode: input.mode, values }));
    } catch (e) {
      setResult(null);
      setProblem(calculatorProblem(e, t, form, [...keys]));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className="qs-card" title={t('monitoring.calc.aqi.title')} data-testid="calc-aqi">
      <Typography.Paragraph type="secondary" className="qs-small">
        {t('monitoring.calc.aqi.description')}
      </Typography.Paragraph>
      <ProblemAlert problem={problem} />
      <Form<AqiForm>
        form={form}
        layout="vertical"
        initialValues={{ standard: 'HJ633-2026', mode: 'daily', values: {} }}
        onFinish={(v) => void submit(v)}
        onValuesChange={(changed: Partial<AqiForm>) => {
          if (changed.standard || changed.mode) setResult(null);
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="standard" label={t('monitoring.calc.aqi.standard')}>
              <Select<AqiStandard>
                options={AQI_STANDARDS.map((s) => ({ value: s, label: t(`monitoring.calc.standards.${s}`) }))}
                data-testid="aqi-standard"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="mode" label={t('monitoring.calc.aqi.mode')}>
              <Radio.Group
                optionType="button"
                options={(['daily', 'hourly'] as const).map((m) => ({ value: m, label: t(`monitoring.calc.modes.${m}`) }))}
                data-testid="aqi-mode"
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          {indicators.map((indicator) => (
            <Col xs={24} sm={12} xl={8} key={indicator.key}>
              <Form.Item
                name={['values', indicator.key]}
                label={indicatorLabel(t, indicator)}
                tooltip={indicator.column === null ? t('monitoring.calc.aqi.reportedOnly') : indicator.so2Fallback ? t('monitoring.calc.aqi.so2Fallback') : undefined}
              >
                <InputNumber<number> style={{ width: '100%' }} controls={false} suffix={unitOf(indicator)} data-testid={`aqi-input-${indicator.key}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Button type="primary" htmlType="submit" icon={<CalculatorOutlined />} loading={busy} data-testid="aqi-submit">
          {t('monitoring.calc.compute')}
        </Button>
      </Form>
      <AqiAnswer result={result} indicators={indicators} />
    </Card>
  );
}

function AqiAnswer({ result, indicators }: { result: AqiResult | null; indicators: readonly Indicator[] }) {
  const { t } = useTranslation();
  if (!result) return null;
  const species = (list: readonly string[]) => (list.length ? list.map((s) => SPECIES_TEXT[s] ?? s).join(t('monitoring.format.list')) : t('monitoring.calc.none'));
  const rows = indicators.filter((i) => i.key in result.iaqi);
  return (
    <div className="qs-mon-answer" data-testid="aqi-result">
      <div className="qs-mon-answer-head">
        {result.aqi !== null && result.color ? (
          <div className="qs-mon-aqi" style={{ background: result.color, color: textOn(result.color) }} data-testid="aqi-value" data-color={result.color}>
            <span className="qs-mon-aqi-label">AQI</span>
            <span className="qs-mon-aqi-number">{result.aqi}</span>
          </div>
        ) : (
          <div className="qs-mon-aqi qs-mon-aqi-na" data-testid="aqi-value">
            <span className="qs-mon-aqi-label">AQI</span>
            <span className="qs-mon-aqi-number">NA</span>
          </div>
        )}
        <div className="qs-mon-answer-facts">
          {result.level !== null && (
            <div data-testid="aqi-category">
              <Typography.Text strong>{t('monitoring.calc.aqi.levelCategory', { level: t(`monitoring.calc.levels.${result.level}`), category: t(`monitoring.calc.categories.${result.category}`, { defaultValue: result.category }) })}</Typography.Text>
            </div>
          )}
          <div data-testid="aqi-primary">
            {t('monitoring.format.labelled', { label: t('monitoring.calc.aqi.primary'), value: species(result.primaryPollutants) })}
          </div>
          {result.standard === 'HJ633-2012' && (
            <div data-testid="aqi-nonattainment">
              {t('monitoring.format.labelled', { label: t('monitoring.calc.aqi.nonAttainment'), value: species(result.nonAttainmentPollutants) })}
            </div>
          )}
          <div className="qs-muted qs-small">{t(`monitoring.calc.standards.${result.standard}`)}</div>
        </div>
      </div>
      {result.notes.length > 0 && (
        <ul className="qs-mon-notes" data-testid="aqi-notes">
          {result.notes.map((n, i) => (
            <li key={i}>{noteText(t, n)}</li>
          ))}
        </ul>
      )}
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('monitoring.calc.aqi.noValues')} />
      ) : (
        <Table<Indicator>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={[...rows]}
          onRow={(i) => ({ 'data-testid': 'aqi-iaqi-row', 'data-key': i.key }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('monitoring.calc.aqi.indicator'), key: 'indicator', render: (_, i) => indicatorLabel(t, i) },
            {
              title: t('monitoring.calc.aqi.concentration'),
              key: 'concentration',
              align: 'right',
              render: (_, i) => (result.concentrations[i.key] !== undefined ? `${result.concentrations[i.key]} ${unitOf(i)}` : '—'),
            },
            {
              title: 'IAQI',
              key: 'iaqi',
              align: 'right',
              render: (_, i) => {
                const value = result.iaqi[i.key];
                if (value === null || value === undefined) return <span className="qs-muted">{t('monitoring.calc.aqi.noIaqi')}</span>;
                const primary = result.aqi !== null && result.aqi > 50 && value === result.aqi;
                return primary ? <Tag color="volcano">{value}</Tag> : value;
              },
            },
          ]}
        />
      )}
    </div>
  );
}
