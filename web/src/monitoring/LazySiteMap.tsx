// SiteMap, loaded when the sites page first shows it: OpenLayers is a chunk of its own.
import { lazy, Suspense, type ComponentProps } from 'react';

const SiteMap = lazy(() => import('./SiteMap.tsx').then((m) => ({ default: m.SiteMap })));

export function LazySiteMap(props: ComponentProps<typeof SiteMap>) {
  return (
    <Suspense fallback={<div className="qs-mon-map" style={{ height: props.height ?? 420 }} />}>
      <SiteMap {...props} />
    </Suspense>
  );
}
