import { ApartmentOutlined, ClockCircleOutlined, DatabaseOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Descriptions, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api.ts';
import { useAuth, useCurrentUser } from '../auth.tsx';
import { ErrorState } from '../components/States.tsx';
import { formatDateTime, roleLabel } from '../format.ts';
import { useAsync } from '../hooks.ts';
import { MODULES, SYSTEM_MODULES } from '../modules.tsx';
import type { Health } from '../types.ts';

function HealthCard() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useAsync(() => api.get<Health>('/api/health'), []);
  return (
    <Card
      title={
        <span>
          <DatabaseOutlined className="qs-card-title-icon" />
          {t('dashboard.systemStatus')}
        </span>
      }
      className="qs-card"
      data-testid="health-card"
      style={{ height: '100%' }}
    >
      {loading && !data ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : data ? (
        <Descriptions column={1} size="small" styles={{ label: { width: 150 } }}>
          <Descriptions.Item label={t('dashboard.health.status')}>
            <Badge
              status={data.status === 'ok' ? 'success' : 'error'}
              text={data.status === 'ok' ? t('dashboard.health.ok') : data.status}
            />
          </Descriptions.Item>
          <Descriptions.Item label={t('dashboard.health.storage')}>
            <span data-testid="health-storage">
              {t(`dashboard.health.storageKinds.${data.storage}`, { defaultValue: data.storage })}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('dashboard.health.postgres')}>
            <Typography.Text code data-testid="health-postgres">
              {data.postgres || t('common.unknown')}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('dashboard.health.postgis')}>
            <Typography.Text code data-testid="health-postgis">
              {data.postgis || t('common.unknown')}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('dashboard.health.version')}>
            {data.version || t('common.unknown')}
          </Descriptions.Item>
          <Descriptions.Item label={t('dashboard.health.schemaVersion')}>
            {data.schemaVersion || t('common.unknown')}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
    </Card>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { can } = useAuth();
  const modules = MODULES.filter((m) => m.key !== 'dashboard' && (!m.capability || can(m.capability)));
  const quickLinks = SYSTEM_MODULES.filter((m) => !m.capability || can(m.capability));

  return (
    <div className="qs-page" data-testid="dashboard">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card className="qs-card qs-welcome" data-testid="welcome-card" style={{ height: '100%' }}>
            <div className="qs-welcome-kicker">{t('dashboard.kicker')}</div>
            <Typography.Title level={3} className="qs-welcome-title">
              {t('dashboard.welcome', { name: user.displayName })}
            </Typography.Title>
            <Typography.Paragraph className="qs-welcome-lead">{t('dashboard.lead')}</Typography.Paragraph>
            <div className="qs-welcome-facts">
              <div className="qs-welcome-fact">
                <ApartmentOutlined />
                <div>
                  <div className="qs-fact-label">{t('dashboard.organisation')}</div>
                  <div className="qs-fact-value" data-testid="welcome-org">
                    {user.organisationName ?? t('dashboard.noOrganisation')}
                  </div>
                </div>
              </div>
              <div className="qs-welcome-fact">
                <SafetyCertificateOutlined />
                <div>
                  <div className="qs-fact-label">{t('dashboard.role')}</div>
                  <div className="qs-fact-value" data-testid="welcome-role">
                    {roleLabel(user.role)}
                  </div>
                </div>
              </div>
              <div className="qs-welcome-fact">
                <ClockCircleOutlined />
                <div>
                  <div className="qs-fact-label">{t('dashboard.lastLogin')}</div>
                  <div className="qs-fact-value">
                    {user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t('dashboard.firstLogin')}
                  </div>
                </div>
              </div>
            </div>
            {quickLinks.length > 0 && (
              <div className="qs-quick-links">
                <span className="qs-fact-label">{t('dashboard.quickLinks')}</span>
                <Space wrap size={8}>
                  {quickLinks.map((m) => (
                    <Button key={m.key} icon={m.icon} onClick={() => void navigate(m.path)}>
                      {t(`modules.${m.key}.name`)}
                    </Button>
                  ))}
                </Space>
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <HealthCard />
        </Col>
      </Row>

      <Typography.Title level={5} className="qs-section-title">
        {t('dashboard.modules')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {modules.map((m) => (
          <Col key={m.key} xs={24} sm={12} lg={8} xl={6}>
            <Card hoverable className="qs-card qs-module-card" onClick={() => void navigate(m.path)}>
              <div className="qs-module-icon">{m.icon}</div>
              <div className="qs-module-body">
                <div className="qs-module-name">
                  {t(`modules.${m.key}.name`)}
                  {m.placeholder && (
                    <Tag className="qs-module-tag" variant="filled">
                      {t('modules.planned')}
                    </Tag>
                  )}
                </div>
                <div className="qs-module-desc">{t(`modules.${m.key}.description`)}</div>
              </div>
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
