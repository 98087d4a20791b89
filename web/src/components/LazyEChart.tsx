// EChart, loaded at the first chart shown: ECharts stays out of the main bundle (a chunk of its own),
// so pages without charts start as fast as before.
import { lazy, Suspense, type ComponentProps } from 'react';

const EChart = lazy(() => import('./EChart.tsx').then((m) => ({ default: m.EChart })));

export function LazyEChart(props: ComponentProps<typeof EChart>) {
  return (
    <Suspense fallback={<div style={{ width: '100%', height: props.height ?? 320 }} />}>
      <EChart {...props} />
    </Suspense>
  );
}
