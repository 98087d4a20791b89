// The period and data basis of the water pages, kept in the address (?period=2025 or 2025-07, &basis=),
// and the line that says what the figures rest on: standard, basis, 示例数据.
import { DatePicker, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DemoMark } from './AqiMarks.tsx';
import { DATA_BASES, lastYear, type DataBasis } from './water.ts';
import './water.css';

export function useWaterPeriod(): { period: string; basis: DataBasis; set: (changes: Record<string, string | undefined>) => void } {
  const [params, setParams] = useSearchParams();
  const period = /^\d{4}(-(0[1-9]|1[0-2]))?$/.test(params.get('period') ?? '') ? params.get('period')! : lastYear();
  const basis: DataBasis = params.get('basis') === 'manual+automatic' ? 'manual+automatic' : 'manual';
  const set = (changes: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  return { period, basis, set };
}

export function WaterPeriodBar({ period, basis, set }: ReturnType<typeof useWaterPeriod>) {
  const { t } = useTranslation();
  const monthly = period.length === 7;
  return (
    <div className="qs-toolbar qs-toolbar-dense">
      <Radio.Group
        value={monthly ? 'month' : 'year'}
        onChange={(e) => set({ period: e.target.value === 'month' ? `${period.slice(0, 4)}-12` : period.slice(0, 4) })}
        optionType="button"
        options={[
          { value: 'year', label: t('monitoring.water.annual') },
          { value: 'month', label: t('monitoring.water.monthly') },
        ]}
        data-testid="water-period-kind"
      />
      <DatePicker
        picker={monthly ? 'month' : 'year'}
        value={dayjs(monthly ? `${period}-01` : `${period}-01-01`)}
        allowClear={false}
        onChange={(d) => d && set({ period: d.format(monthly ? 'YYYY-MM' : 'YYYY') })}
        style={{ width: 130 }}
        aria-label={t('monitoring.water.period')}
        data-testid="water-period"
      />
      <Select<DataBasis>
        value={basis}
        onChange={(v) => set({ basis: v === 'manual' ? undefined : v })}
        options={DATA_BASES.map((b) => ({ value: b, label: t(`monitoring.water.bases.${b}`) }))}
        style={{ width: 220 }}
        aria-label={t('monitoring.water.basis')}
        data-testid="water-basis"
      />
    </div>
  );
}

/** What the figures rest on. */
export function WaterBasisLine({ standard, basis, demo, demoNote }: { standard: { standard: string; method: string }; basis: DataBasis; demo: boolean; demoNote: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="qs-water-meta" data-testid="water-basis-line">
      <span>{t('monitoring.format.labelled', { label: t('monitoring.water.standard'), value: t('monitoring.water.standardText', { standard: standard.standard, method: standard.method }) })}</span>
      <span className="qs-muted">·</span>
      <span>{t('monitoring.format.labelled', { label: t('monitoring.water.basis'), value: t(`monitoring.water.bases.${basis}`) })}</span>
      {demo && (
        <span data-testid="water-demo">
          <DemoMark note={demoNote} /> <span className="qs-muted qs-small">{demoNote}</span>
        </span>
      )}
    </div>
  );
}
