import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import type { ConfigProviderProps } from 'antd';
import enUSModule from 'antd/locale/en_US.js';
import zhCNModule from 'antd/locale/zh_CN.js';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { AuthProvider, useAuth } from './auth.tsx';
import { usePrefersReducedMotion } from './hooks.ts';
import { AppLayout } from './layout/AppLayout.tsx';
import { MODULES } from './modules.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { ChangePasswordPage } from './pages/ChangePasswordPage.tsx';
import { DashboardPage } from './pages/DashboardPage.tsx';
import { GridsPage } from './pages/GridsPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { ModulePlaceholder } from './pages/ModulePlaceholder.tsx';
import { AlertsPage } from './pages/monitoring/AlertsPage.tsx';
import { GatewayPage } from './pages/monitoring/GatewayPage.tsx';
import { EnterprisePage } from './pages/emissions/EnterprisePage.tsx';
import { EnterprisesPage } from './pages/emissions/EnterprisesPage.tsx';
import { AirPage } from './pages/monitoring/AirPage.tsx';
import { CalculatorsPage } from './pages/monitoring/CalculatorsPage.tsx';
import { DrinkingWaterPage } from './pages/monitoring/DrinkingWaterPage.tsx';
import { EvaluationPage } from './pages/monitoring/EvaluationPage.tsx';
import { ImportPage as MonitoringImportPage } from './pages/monitoring/ImportPage.tsx';
import { SitePage } from './pages/monitoring/SitePage.tsx';
import { SitesPage } from './pages/monitoring/SitesPage.tsx';
import { WaterPage } from './pages/monitoring/WaterPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { OrganisationsPage } from './pages/OrganisationsPage.tsx';
import { LazyLayersPage, LazyMapPage, LazyRulesPage, LazyScreeningPage } from './pages/spatial/lazy.tsx';
import { IndicatorListPage } from './pages/targets/IndicatorListPage.tsx';
import { IndicatorPage } from './pages/targets/IndicatorPage.tsx';
import { ScorecardPage } from './pages/targets/ScorecardPage.tsx';
import { PublicTasksPage } from './pages/tasks/PublicTasksPage.tsx';
import { TaskBoardPage } from './pages/tasks/TaskBoardPage.tsx';
import { TaskInboxPage } from './pages/tasks/TaskInboxPage.tsx';
import { TaskItemPage } from './pages/tasks/TaskItemPage.tsx';
import { TaskTimelinePage } from './pages/tasks/TaskTimelinePage.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import type { Capability } from './permissions.ts';
import { themeFor } from './theme.ts';

type AntLocale = NonNullable<ConfigProviderProps['locale']>;

/** antd's locale files are CommonJS; depending on the interop the default export may be wrapped. */
function unwrapLocale(m: unknown): AntLocale {
  const x = m as AntLocale & { default?: AntLocale };
  return typeof x.locale === 'string' ? x : (x.default as AntLocale);
}

const enUS = unwrapLocale(enUSModule);
const zhCN = unwrapLocale(zhCNModule);

function FullPageSpin() {
  const { t } = useTranslation();
  return (
    <div className="qs-fullpage-center">
      <Spin size="large" description={t('common.loading')} />
    </div>
  );
}

function ProbeFailed() {
  const { t } = useTranslation();
  const { reload } = useAuth();
  return (
    <div className="qs-fullpage-center">
      <Result
        status="warning"
        title={t('errors.serverUnreachable')}
        subTitle={t('errors.serverUnreachableDetail')}
        extra={
          <Button type="primary" onClick={() => void reload()}>
            {t('common.retry')}
          </Button>
        }
      />
    </div>
  );
}

/** Only for a logged-in user whose password need not be changed. */
function RequireAuth({ children, allowPasswordChange = false }: { children: ReactNode; allowPasswordChange?: boolean }) {
  const { user, probeError } = useAuth();
  const location = useLocation();
  if (user === undefined) return <FullPageSpin />;
  if (user === null) {
    if (probeError) return <ProbeFailed />;
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  if (user.mustChangePassword && !allowPasswordChange) return <Navigate to="/change-password" replace />;
  return <>{children}</>;
}

function RequireCapability({ capability, children }: { capability: Capability; children: ReactNode }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  if (!can(capability)) {
    return <Result status="403" title={t('errors.forbiddenTitle')} subTitle={t('errors.forbiddenPage')} />;
  }
  return <>{children}</>;
}

function LoginRoute() {
  const { user, probeError } = useAuth();
  if (user === undefined) return <FullPageSpin />;
  if (user) return <Navigate to={user.mustChangePassword ? '/change-password' : '/dashboard'} replace />;
  if (probeError) return <ProbeFailed />;
  return <LoginPage />;
}

function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginRoute />} />
      {/* 整改公开: open to everyone, outside the logged-in frame. */}
      <Route path="/public/tasks" element={<PublicTasksPage />} />
      <Route
        path="/change-password"
        element={
          <RequireAuth allowPasswordChange>
            <ChangePasswordPage />
          </RequireAuth>
        }
      />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to="/dashboard" replace />} />
        <Route path="/dashboard" element={<DashboardPage />} />
        {MODULES.filter((m) => m.placeholder).map((m) => (
          <Route key={m.key} path={m.path} element={<ModulePlaceholder moduleKey={m.key} />} />
        ))}
        <Route
          path="/targets"
          element={
            <RequireCapability capability="targets.read">
              <ScorecardPage />
            </RequireCapability>
          }
        />
        <Route
          path="/targets/indicators"
          element={
            <RequireCapability capability="targets.read">
              <IndicatorListPage />
            </RequireCapability>
          }
        />
        <Route
          path="/targets/indicators/:key"
          element={
            <RequireCapability capability="targets.read">
              <IndicatorPage />
            </RequireCapability>
          }
        />
        <Route
          path="/tasks"
          element={
            <RequireCapability capability="tasks.read">
              <TaskBoardPage />
            </RequireCapability>
          }
        />
        <Route
          path="/tasks/inbox"
          element={
            <RequireCapability capability="tasks.read">
              <TaskInboxPage />
            </RequireCapability>
          }
        />
        <Route
          path="/tasks/timeline"
          element={
            <RequireCapability capability="tasks.read">
              <TaskTimelinePage />
            </RequireCapability>
          }
        />
        <Route
          path="/tasks/items/:id"
          element={
            <RequireCapability capability="tasks.read">
              <TaskItemPage />
            </RequireCapability>
          }
        />
        <Route
          path="/monitoring"
          element={
            <RequireCapability capability="monitoring.read">
              <SitesPage />
            </RequireCapability>
          }
        />
        <Route
          path="/monitoring/sites/:id"
          element={
            <RequireCapability capability="monitoring.read">
              <SitePage />
            </RequireCapability>
          }
        />
        <Route
          path="/monitoring/air"
          element={
            <RequireCapability capability="monitoring.read">
              <AirPage />
            </RequireCapability>
          }
        />
        <Route
          path="/monitoring/evaluation"
          element={
            <RequireCapability capability="monitoring.read">
              <EvaluationPage />
            </RequireCapability>
          }
        />
        <Route
          path="/monitoring/water"
          element={
            <RequireCapability capability="monitoring.read">
              <WaterPage />
            </RequireCapability>
          }
        />
        <Route
          path="/monitoring/drinking-water"
          element={
            <RequireCapability capability="monitoring.read">
              <DrinkingWaterPage />
            </RequireCapability>
          }
        />
        <Route
          path="/monitoring/alerts"
          element={
            <RequireCapability capability="monitoring.read">
              <AlertsPage />
            </RequireCapability>
          }
        />
        <Route
          path="/monitoring/gateway"
          element={
            <RequireCapability capability="monitoring.read">
              <GatewayPage />
            </RequireCapability>
          }
        />
        <Route
          path="/monitoring/calculators"
          element={
            <RequireCapability capability="monitoring.read">
              <CalculatorsPage />
            </RequireCapability>
          }
        />
        <Route
          path="/monitoring/import"
          element={
            <RequireCapability capability="monitoring.manage">
              <MonitoringImportPage />
            </RequireCapability>
          }
        />
        <Route
          path="/emissions"
          element={
            <RequireCapability capability="emissions.read">
              <EnterprisesPage />
            </RequireCapability>
          }
        />
        <Route
          path="/emissions/enterprises/:id"
          element={
            <RequireCapability capability="emissions.read">
              <EnterprisePage />
            </RequireCapability>
          }
        />
        <Route
          path="/map"
          element={
            <RequireCapability capability="spatial.read">
              <LazyMapPage />
            </RequireCapability>
          }
        />
        <Route
          path="/map/screening"
          element={
            <RequireCapability capability="spatial.screen">
              <LazyScreeningPage />
            </RequireCapability>
          }
        />
        <Route
          path="/map/screening/:token"
          element={
            <RequireCapability capability="spatial.read">
              <LazyScreeningPage />
            </RequireCapability>
          }
        />
        <Route
          path="/map/layers"
          element={
            <RequireCapability capability="spatial.read">
              <LazyLayersPage />
            </RequireCapability>
          }
        />
        <Route
          path="/map/rules"
          element={
            <RequireCapability capability="spatial.read">
              <LazyRulesPage />
            </RequireCapability>
          }
        />
        <Route
          path="/system/users"
          element={
            <RequireCapability capability="users.read">
              <UsersPage />
            </RequireCapability>
          }
        />
        <Route
          path="/system/organisations"
          element={
            <RequireCapability capability="orgs.read">
              <OrganisationsPage />
            </RequireCapability>
          }
        />
        <Route
          path="/system/grids"
          element={
            <RequireCapability capability="grids.read">
              <GridsPage />
            </RequireCapability>
          }
        />
        <Route
          path="/system/audit"
          element={
            <RequireCapability capability="audit.read">
              <AuditPage />
            </RequireCapability>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function App() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? enUS : zhCN;
  const reducedMotion = usePrefersReducedMotion();
  const theme = useMemo(() => themeFor({ reducedMotion }), [reducedMotion]);
  return (
    <ConfigProvider locale={locale} theme={theme}>
      <AntApp>
        <BrowserRouter>
          <AuthProvider>
            <AppRoutes />
          </AuthProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
