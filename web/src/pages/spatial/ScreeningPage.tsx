// 项目准入筛查: a project and its site (drawn on the map, pasted as 界址点坐标 or uploaded) screened
// against every layer and rule; the result shows under the map, with its report and shareable link,
// and the history lists the screenings made. /map/screening/:token shows a saved one read-only.
import { ArrowLeftOutlined, HistoryOutlined } from '@ant-design/icons';
import { Button, Card, Result, Spin } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link, useParams } from 'react-router';
import { api, isApiError } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import type { FormProblem } from '../../components/ProblemAlert.tsx';
import { ErrorState } from '../../components/States.tsx';
import { useAsync } from '../../hooks.ts';
import { BasemapButton, DemoBanner, LayersButton, ToolButtons } from '../../spatial/MapControls.tsx';
import { ScreeningForm, attributesOf, type ScreeningFormValues } from '../../spatial/ScreeningForm.tsx';
import { ScreeningHistory } from '../../spatial/ScreeningHistory.tsx';
import { ScreeningResult } from '../../spatial/ScreeningResult.tsx';
import { SpatialHeader } from '../../spatial/SpatialHeader.tsx';
import { SpatialMap, type MapTool } from '../../spatial/SpatialMap.tsx';
import { EMPTY_SITE, siteInputOf, sitePreview, type SiteDraft } from '../../spatial/siteInput.ts';
import type { Category, Geometry, Screening } from '../../spatial/types.ts';
import { useMapLayers } from '../../spatial/useMapLayers.ts';
import { LayerNamesProvider } from '../../spatial/layerNames.tsx';
import '../../spatial/spatial.css';

function problemOf(error: unknown, fallback: string, t: TFunction): FormProblem {
  if (isApiError(error)) {
    return { title: error.title, ...(error.detail ? { detail: error.detail } : {}), extra: (error.errors ?? []).map((e) => (e.field ? t('spatial.labelValue', { label: e.field, value: e.message }) : e.message)) };
  }
  return { title: fallback, extra: [] };
}

export function ScreeningPage() {
  const { token } = useParams();
  return token ? <SavedScreening token={token} /> : <NewScreening />;
}

function NewScreening() {
  const { t } = useTranslation();
  const state = useMapLayers();
  const categories = useAsync(() => api.get<{ items: Category[] }>('/api/spatial/categories').then((r) => r.items), []);
  const [draft, setDraft] = useState<SiteDraft>(EMPTY_SITE);
  const [tool, setTool] = useState<MapTool | null>(null);
  const [siteProblem, setSiteProblem] = useState<string | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [result, setResult] = useState<Screening | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [historyKey, setHistoryKey] = useState(0);

  const onDraft = useCallback((change: Partial<SiteDraft>) => {
    setDraft((prev) => ({ ...prev, ...change }));
    setSiteProblem(null);
  }, []);

  const onDrawn = useCallback(
    (geometry: Geometry) => {
      onDraft({ drawn: geometry });
      // One site at a time: the tool is put down once the shape is finished.
      setTool(null);
      setResult(null);
    },
    [onDraft],
  );

  const preview = useMemo(() => sitePreview(draft), [draft]);

  const submit = async (values: ScreeningFormValues) => {
    const site = siteInputOf(draft);
    if (!site.ok) {
      setSiteProblem(t(`spatial.site.problem.${site.problem}`));
      return;
    }
    setProblem(null);
    setSubmitting(true);
    try {
      const attributes = attributesOf(values.attributes);
      const created = await api.post<Screening>('/api/spatial/screenings', {
        projectName: values.projectName.trim(),
        category: values.category,
        ...(Object.keys(attributes).length ? { attributes } : {}),
        site: site.site,
      });
      setResult(created);
      setHistoryKey((k) => k + 1);
      // The verdict shows under the map: bring it into view.
      requestAnimationFrame(() => document.querySelector('[data-testid="screening-result"]')?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
    } catch (e) {
      setProblem(problemOf(e, t('errors.unexpected'), t));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <LayerNamesProvider layers={state.layers}>
      <div className="qs-page" data-testid="screening-page">
        <SpatialHeader
          current="screening"
          extra={
            <Button icon={<HistoryOutlined />} onClick={() => setHistoryOpen(true)} data-testid="screening-history-open">
              {t('spatial.history.title')}
            </Button>
          }
        />
        <div className="qs-spatial-screening-body">
          <Card className="qs-card qs-spatial-side qs-spatial-screening-side" size="small" title={t('spatial.form.title')}>
            <ScreeningForm
              categories={categories.data ?? []}
              categoriesLoading={categories.loading}
              draft={draft}
              onDraft={onDraft}
              tool={tool}
              onTool={setTool}
              siteProblem={siteProblem}
              problem={problem}
              submitting={submitting}
              onSubmit={(v) => void submit(v)}
            />
          </Card>
          <div className="qs-spatial-main">
            <DemoBanner layers={state.demoShown} />
            <SpatialMap
              layers={state.layers}
              visible={state.visible}
              opacity={state.opacity}
              tileUrl={state.tileUrl}
              tool={tool}
              site={result?.site ?? preview}
              fitSite={!!result}
              onDrawn={onDrawn}
            >
              <div className="qs-spatial-toolbar" data-testid="map-toolbar">
                <ToolButtons tool={tool?.startsWith('measure') ? tool : null} onTool={setTool} identify={false} />
                <LayersButton state={state} />
                <BasemapButton tileUrl={state.tileUrl} onChange={state.setTileUrl} />
              </div>
              {tool?.startsWith('draw') && <div className="qs-spatial-hint">{t(`spatial.site.hint.${draft.drawKind}`)}</div>}
            </SpatialMap>
          </div>
        </div>
        {result && <ScreeningResult screening={result} />}
        <ScreeningHistory open={historyOpen} onClose={() => setHistoryOpen(false)} refreshKey={historyKey} />
      </div>
    </LayerNamesProvider>
  );
}

function SavedScreening({ token }: { token: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const state = useMapLayers();
  const screening = useAsync(() => api.get<Screening>(`/api/spatial/screenings/${encodeURIComponent(token)}`), [token]);
  const notFound = isApiError(screening.error) && screening.error.status === 404;
  return (
    <LayerNamesProvider layers={state.layers}>
      <div className="qs-page" data-testid="screening-saved-page">
        <SpatialHeader
          current={undefined}
          extra={
            can('spatial.screen') ? (
              <Link to="/map/screening">
                <Button icon={<ArrowLeftOutlined />}>{t('spatial.screening.new')}</Button>
              </Link>
            ) : undefined
          }
        />
        {screening.loading ? (
          <div className="qs-spatial-center">
            <Spin />
          </div>
        ) : notFound ? (
          <Card className="qs-card">
            <Result status="404" title={t('spatial.screening.notFound')} subTitle={t('spatial.screening.notFoundDetail')} />
          </Card>
        ) : screening.error || !screening.data ? (
          <ErrorState error={screening.error} onRetry={screening.reload} />
        ) : (
          <>
            <div className="qs-spatial-main qs-spatial-readonly-map">
              <DemoBanner layers={state.demoShown} />
              <SpatialMap layers={state.layers} visible={state.visible} opacity={state.opacity} tileUrl={state.tileUrl} tool={null} site={screening.data.site} fitSite>
                <div className="qs-spatial-toolbar" data-testid="map-toolbar">
                  <LayersButton state={state} />
                  <BasemapButton tileUrl={state.tileUrl} onChange={state.setTileUrl} />
                </div>
              </SpatialMap>
            </div>
            <ScreeningResult screening={screening.data} saved />
          </>
        )}
      </div>
    </LayerNamesProvider>
  );
}
