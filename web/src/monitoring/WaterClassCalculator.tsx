// 地表水水质类别计算器: the public POST /api/v1/calc/water-class for a river or a lake/reservoir, with
// the items of GB 3838-2002 Table 1 (the server's own list, 水温 aside: it has no class limits) and, for
// lakes, 叶绿素a and 透明度 for the trophic state; the answer shows the class in the colour the
// evaluation method gives it, each item's class and the main pollutants.
import { CalculatorOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, InputNumber, Radio, Row, Table, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { WATER_CLASSES, WATER_PARAMETERS, type WaterBody, type WaterClass } from '../../../src/monitoring/water/parameters.ts';
import { TROPHIC_ONLY_INPUTS } from '../../../src/monitoring/water/trophic-state.ts';
import { api } from '../api.ts';
import { ProblemAlert, type FormProblem } from '../components/ProblemAlert.tsx';
import { calculatorProblem } from './calcProblem.ts';
import type { WaterClassOutput } from './types.ts';
import { classColour } from './water.ts';

/** The evaluation method's colours (蓝 绿 黄 橙 红) as shown on screen. */

interface Input {
  key: string;
  name: string;
  englishName: string;
  unit: string;
}

/** 水温 has no class limits and the calculator takes none. */
const CLASS_INPUTS: readonly Input[] = WATER_PARAMETERS.filter((p) => p.rule.kind !== 'none');
const TROPHIC_INPUTS: readonly Input[] = TROPHIC_ONLY_INPUTS;

/** "dissolved oxygen" → "Dissolved oxygen"; pH stays pH. */
const englishLabel = (input: Input): string => (input.englishName === input.key ? input.englishName : input.englishName.charAt(0).toUpperCase() + input.englishName.slice(1));

const inputsOf = (waterBody: WaterBody): readonly Input[] => (waterBody === 'lake' ? [...CLASS_INPUTS, ...TROPHIC_INPUTS] : CLASS_INPUTS);

const ROMAN = ['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ', 'Ⅴ'];

/** Ⅰ类 … Ⅴ类, and the class beyond the last (劣Ⅴ类) in words. */
export const classText = (t: TFunction, waterClass: WaterClass): string => {
  const index = WATER_CLASSES.indexOf(waterClass);
  return index < ROMAN.length ? t('monitoring.classOf', { roman: ROMAN[index] }) : t('monitoring.classWorseThanV');
};


export function ClassTag({ waterClass }: { waterClass: WaterClass }) {
  const { t } = useTranslation();
  return (
    <Tag color={classColour(waterClass)} data-testid="water-class-tag">
      {classText(t, waterClass)}
    </Tag>
  );
}

interface WaterForm {
  waterBody: WaterBody;
  values: Record<string, number | null | undefined>;
}

export function WaterClassCalculator() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<WaterForm>();
  const waterBody = Form.useWatch('waterBody', form) ?? 'river';
  const inputs = inputsOf(waterBody);
  const nameOf = (input: Input) => (i18n.language === 'en' ? englishLabel(input) : input.name);
  const names = new Map(inputs.map((i) => [i.key, nameOf(i)]));
  const [result, setResult] = useState<WaterClassOutput | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (input: WaterForm) => {
    const keys = inputs.map((i) => i.key);
    const values = Object.fromEntries(Object.entries(input.values ?? {}).filter(([k, v]) => keys.includes(k) && v !== null && v !== undefined));
    setBusy(true);
    setProblem(null);
    try {
      setResult(await api.post<WaterClassOutput>('/api/v1/calc/water-class', { waterBody: input.waterBody, values }));
    } catch (e) {
      setResult(null);
      setProblem(calculatorProblem(e, t, form, keys));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className="qs-card" title={t('monitoring.calc.water.title')} data-testid="calc-water">
      <Typography.Paragraph type="secondary" className="qs-small">
        {t('monitoring.calc.water.description')}
      </Typography.Paragraph>
      <ProblemAlert problem={problem} />
      <Form<WaterForm>
        form={form}
        layout="vertical"
        initialValues={{ waterBody: 'river', values: {} }}
        onFinish={(v) => void submit(v)}
        onValuesChange={(changed: Partial<WaterForm>) => {
          if (changed.waterBody) setResult(null);
        }}
      >
        <Form.Item name="waterBody" label={t('monitoring.calc.water.waterBody')}>
          <Radio.Group
            optionType="button"
            options={(['river', 'lake'] as const).map((b) => ({ value: b, label: t(`monitoring.calc.water.bodies.${b}`) }))}
            data-testid="water-body"
          />
        </Form.Item>
        <Row gutter={12}>
          {inputs.map((input) => (
            <Col xs={12} md={8} xl={6} key={input.key}>
              <Form.Item name={['values', input.key]} label={`${nameOf(input)}`} tooltip={input.key}>
                <InputNumber<number> style={{ width: '100%' }} controls={false} suffix={input.unit} data-testid={`water-input-${input.key}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Button type="primary" htmlType="submit" icon={<CalculatorOutlined />} loading={busy} data-testid="water-submit">
          {t('monitoring.calc.compute')}
        </Button>
      </Form>
      {result && <WaterAnswer result={result} names={names} />}
    </Card>
  );
}

function WaterAnswer({ result, names }: { result: WaterClassOutput; names: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const classes = Object.entries(result.classes) as [string, WaterClass][];
  return (
    <div className="qs-mon-answer" data-testid="water-result">
      <div className="qs-mon-answer-head">
        {result.class ? (
          <div className="qs-mon-aqi" style={{ background: classColour(result.class), color: '#ffffff' }} data-testid="water-class">
            <span className="qs-mon-aqi-label">{t('monitoring.calc.water.class')}</span>
            <span className="qs-mon-aqi-number qs-mon-class-number">{classText(t, result.class)}</span>
          </div>
        ) : (
          <div className="qs-mon-aqi qs-mon-aqi-na" data-testid="water-class">
            <span className="qs-mon-aqi-label">{t('monitoring.calc.water.class')}</span>
            <span className="qs-mon-aqi-number">—</span>
          </div>
        )}
        <div className="qs-mon-answer-facts">
          {result.descriptor && (
            <div data-testid="water-descriptor">
              <Typography.Text strong>
                {t('monitoring.format.labelled', { label: t('monitoring.calc.water.descriptor'), value: t(`monitoring.calc.water.descriptors.${result.descriptor}`, { defaultValue: result.descriptor }) })}
              </Typography.Text>
            </div>
          )}
          <div data-testid="water-main-pollutants">
            {t('monitoring.format.labelled', {
              label: t('monitoring.calc.water.mainPollutants'),
              value:
                result.mainPollutants.length === 0
                  ? t('monitoring.calc.none')
                  : result.mainPollutants
                      .map((p) =>
                        t('monitoring.format.withNote', {
                          text: names.get(p.parameter) ?? p.parameter,
                          note: [classText(t, p.class), ...(p.exceedMultiple === null ? [] : [t('monitoring.calc.water.exceed', { multiple: p.exceedMultiple })])].join(t('monitoring.format.clauses')),
                        }),
                      )
                      .join(t('monitoring.format.list')),
            })}
          </div>
          {result.tn && (
            <div data-testid="water-tn">
              {t('monitoring.format.labelled', { label: t('monitoring.calc.water.tn'), value: classText(t, result.tn.class) })}
            </div>
          )}
          {result.tli && (
            <div data-testid="water-tli">
              {t('monitoring.calc.water.tli', { value: result.tli.value, grade: t(`monitoring.calc.water.grades.${result.tli.grade}`, { defaultValue: result.tli.grade }) })}
            </div>
          )}
          {!result.class && <div className="qs-muted qs-small">{t('monitoring.calc.water.noClass')}</div>}
        </div>
      </div>
      {classes.length > 0 && (
        <Table<[string, WaterClass]>
          rowKey={([key]) => key}
          size="small"
          pagination={false}
          dataSource={classes}
          onRow={([key]) => ({ 'data-testid': 'water-item-row', 'data-key': key }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('monitoring.calc.water.parameter'), key: 'parameter', render: (_, [key]) => t('monitoring.format.withNote', { text: names.get(key) ?? key, note: key }) },
            { title: t('monitoring.calc.water.itemClass'), key: 'class', render: (_, [, cls]) => <ClassTag waterClass={cls} /> },
          ]}
        />
      )}
    </div>
  );
}
