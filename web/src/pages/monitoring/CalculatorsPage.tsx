// 标准计算器: the AQI (HJ 633-2012/2026) and the surface-water class (GB 3838-2002) on the public
// calculator API, the same functions the evaluations use.
import { useTranslation } from 'react-i18next';
import { AqiCalculator } from '../../monitoring/AqiCalculator.tsx';
import { MonitoringHeader } from '../../monitoring/MonitoringHeader.tsx';
import '../../monitoring/monitoring.css';
import { WaterClassCalculator } from '../../monitoring/WaterClassCalculator.tsx';

export function CalculatorsPage() {
  const { t } = useTranslation();
  return (
    <div className="qs-page" data-testid="monitoring-calculators">
      <MonitoringHeader view="calculators" description={t('monitoring.calc.description')} />
      <AqiCalculator />
      <WaterClassCalculator />
    </div>
  );
}
