// Registering or editing a gateway device (数采仪): MN, name, its 访问密码 (write-only: given on creation,
// only reset afterwards), the air station or enterprise outlet it reports for, ST and its vendor's
// data-flag table. For managers (monitoring.manage).
import { Form, Input, Modal, Radio, Select, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api.ts';
import { applyFieldErrors } from '../../components/forms.ts';
import { ProblemAlert, type FormProblem } from '../../components/ProblemAlert.tsx';
import { useAsync } from '../../hooks.ts';
import { loadAllSites } from '../../monitoring/sites.ts';
import type { Page } from '../../types.ts';
import type { GatewayDevice } from './gatewayTypes.ts';

interface Values {
  mn: string;
  name?: string;
  password?: string;
  owner: 'air' | 'outlet';
  site?: string;
  enterpriseId?: number;
  outletId?: number;
  st?: string;
  flagProfile: string;
  active: boolean;
  note?: string;
}

const FLAG_PROFILES = ['hj212', 'vendor-phl'];
const FIELDS = ['mn', 'name', 'password', 'site', 'outletId', 'st', 'flagProfile', 'note'];

export function GatewayDeviceModal({ device, onClose, onSaved }: { device: GatewayDevice | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const owner = Form.useWatch('owner', form) ?? 'air';
  const enterpriseId = Form.useWatch('enterpriseId', form);
  const sites = useAsync(async () => (device ? [] : (await loadAllSites()).filter((s) => s.kind === 'air')), [device]);
  const enterprises = useAsync(
    async () => (device || owner !== 'outlet' ? [] : (await api.get<Page<{ id: number; name: string }>>('/api/emissions/enterprises', { pageSize: 200 })).items),
    [device, owner],
  );
  const outlets = useAsync(
    async () => (enterpriseId ? api.get<{ id: number; code: string; name: string }[]>(`/api/emissions/enterprises/${enterpriseId}/outlets`) : []),
    [enterpriseId],
  );

  const onFinish = async (v: Values) => {
    setSaving(true);
    setProblem(null);
    const common = { name: v.name?.trim() || null, note: v.note?.trim() || null, flagProfile: v.flagProfile };
    try {
      if (device) {
        await api.patch(`/api/gateway/devices/${device.id}`, { ...common, active: v.active, ...(v.password ? { password: v.password } : {}) });
      } else {
        await api.post('/api/gateway/devices', {
          ...common,
          mn: v.mn.trim(),
          password: v.password,
          ...(v.st?.trim() ? { st: v.st.trim() } : {}),
          ...(v.owner === 'air' ? { site: v.site } : { outletId: v.outletId }),
        });
      }
      onSaved();
    } catch (e) {
      if (isApiError(e)) {
        const extra = applyFieldErrors(form, e, FIELDS);
        setProblem({ title: e.title, ...(e.detail ? { detail: e.detail } : {}), extra });
      } else setProblem({ title: t('errors.unexpected'), extra: [] });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={device ? t('monitoring.gateway.editTitle', { mn: device.mn }) : t('monitoring.gateway.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={device ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'gateway-device-submit' } as { [k: `data-${string}`]: string }}
      destroyOnHidden
      width={600}
    >
      <div data-testid="gateway-device-modal">
        <ProblemAlert problem={problem} />
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={
            device
              ? { mn: device.mn, name: device.name ?? '', owner: device.kind, flagProfile: device.flagProfile, active: device.active, note: device.note ?? '' }
              : { owner: 'air', flagProfile: 'hj212', active: true, st: '22' }
          }
        >
          <Form.Item name="mn" label={t('monitoring.gateway.mn')} extra={t('monitoring.gateway.mnHint')} rules={[{ required: true, message: t('monitoring.gateway.mnRequired') }, { pattern: /^[0-9A-Za-z_-]{1,24}$/, message: t('monitoring.gateway.mnHint') }]}>
            <Input disabled={!!device} className="qs-gw-mono" data-testid="gateway-field-mn" />
          </Form.Item>
          <Form.Item name="name" label={t('monitoring.gateway.name')} rules={[{ max: 100 }]}>
            <Input data-testid="gateway-field-name" />
          </Form.Item>
          <Form.Item
            name="password"
            label={device ? t('monitoring.gateway.passwordReset') : t('monitoring.gateway.password')}
            extra={t('monitoring.gateway.passwordHint')}
            rules={[{ required: !device, message: t('monitoring.gateway.passwordRequired') }, { pattern: /^[\x21-\x7e]{6,24}$/, message: t('monitoring.gateway.passwordRule') }]}
          >
            <Input.Password autoComplete="new-password" data-testid="gateway-field-password" />
          </Form.Item>
          {!device && (
            <>
              <Form.Item name="owner" label={t('monitoring.gateway.ownerKind')}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'air', label: t('monitoring.gateway.airStation') },
                    { value: 'outlet', label: t('monitoring.gateway.outlet') },
                  ]}
                />
              </Form.Item>
              {owner === 'air' ? (
                <Form.Item name="site" label={t('monitoring.gateway.airStation')} extra={t('monitoring.gateway.airHint')} rules={[{ required: true, message: t('monitoring.gateway.siteRequired') }]}>
                  <Select
                    showSearch
                    optionFilterProp="label"
                    loading={sites.loading}
                    options={(sites.data ?? []).map((s) => ({ value: s.code, label: `${s.name} · ${s.code}` }))}
                    data-testid="gateway-field-site"
                  />
                </Form.Item>
              ) : (
                <>
                  <Form.Item name="enterpriseId" label={t('monitoring.gateway.enterprise')} rules={[{ required: true, message: t('monitoring.gateway.outletRequired') }]}>
                    <Select showSearch optionFilterProp="label" loading={enterprises.loading} options={(enterprises.data ?? []).map((e) => ({ value: e.id, label: e.name }))} />
                  </Form.Item>
                  <Form.Item name="outletId" label={t('monitoring.gateway.outlet')} rules={[{ required: true, message: t('monitoring.gateway.outletRequired') }]}>
                    <Select loading={outlets.loading} options={(outlets.data ?? []).map((o) => ({ value: o.id, label: `${o.code} ${o.name}` }))} />
                  </Form.Item>
                </>
              )}
              <Form.Item name="st" label={t('monitoring.gateway.st')} extra={t('monitoring.gateway.stHint')} rules={[{ pattern: /^[0-9A-Za-z]{2,3}$/, message: t('monitoring.gateway.stHint') }]}>
                <Input style={{ width: 120 }} />
              </Form.Item>
            </>
          )}
          <Form.Item name="flagProfile" label={t('monitoring.gateway.flagProfile')} extra={t('monitoring.gateway.flagProfileHint')}>
            <Select options={FLAG_PROFILES.map((p) => ({ value: p, label: t(`monitoring.gateway.flagProfiles.${p}`) }))} />
          </Form.Item>
          {device && (
            <Form.Item name="active" label={t('monitoring.gateway.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
          <Form.Item name="note" label={t('monitoring.gateway.noteLabel')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
