// The 一张图 pages, loaded when first opened: OpenLayers and the screening UI stay out of every
// other page's bundle.
import { Spin } from 'antd';
import { lazy, Suspense } from 'react';

const MapPage = lazy(() => import('./MapPage.tsx').then((m) => ({ default: m.MapPage })));
const ScreeningPage = lazy(() => import('./ScreeningPage.tsx').then((m) => ({ default: m.ScreeningPage })));
const LayersPage = lazy(() => import('./LayersPage.tsx').then((m) => ({ default: m.LayersPage })));
const RulesPage = lazy(() => import('./RulesPage.tsx').then((m) => ({ default: m.RulesPage })));

const fallback = (
  <div className="qs-fullpage-center" style={{ minHeight: 320 }}>
    <Spin size="large" />
  </div>
);

export function LazyMapPage() {
  return (
    <Suspense fallback={fallback}>
      <MapPage />
    </Suspense>
  );
}

/** /map/screening (a new screening) and /map/screening/:token (a saved one). */
export function LazyScreeningPage() {
  return (
    <Suspense fallback={fallback}>
      <ScreeningPage />
    </Suspense>
  );
}

/** /map/layers: 图层管理. */
export function LazyLayersPage() {
  return (
    <Suspense fallback={fallback}>
      <LayersPage />
    </Suspense>
  );
}

/** /map/rules: 准入规则. */
export function LazyRulesPage() {
  return (
    <Suspense fallback={fallback}>
      <RulesPage />
    </Suspense>
  );
}
