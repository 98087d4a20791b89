import {
  EditOutlined,
  HistoryOutlined,
  KeyOutlined,
  PlusOutlined,
  StopOutlined,
  CheckCircleOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import {
  App as AntApp,
  Badge,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  TreeSelect,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError, type ApiError } from '../api.ts';
import { useAuth, useCurrentUser } from '../auth.tsx';
import { applyFieldErrors } from '../components/forms.ts';
import { ProblemAlert, type FormProblem } from '../components/ProblemAlert.tsx';
import { HistoryDrawer } from '../components/HistoryDrawer.tsx';
import { OneTimePasswordModal, type OneTimePassword } from '../components/OneTimePasswordModal.tsx';
import { ErrorState, EmptyState } from '../components/States.tsx';
import { RefreshButton, serverPagination, StatusFilter } from '../components/ListControls.tsx';
import { formatDateTime, ROLE_COLORS, roleLabel } from '../format.ts';
import { useAsync, useDebounced } from '../hooks.ts';
import { toSelectTree, useOrgTree, type OrgSelectNode } from '../orgTree.ts';
import { passwordAcceptable } from '../passwords.ts';
import { ROLES, type Page, type User } from '../types.ts';

export const AUDIT_ENTITY_USER = 'user';

interface UserFormValues {
  username?: string;
  displayName: string;
  role: string;
  organisationId?: number | null;
  password?: string;
}

const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,40}$/;

function UserFormModal({
  mode,
  user,
  open,
  orgTree,
  roleOptions,
  onClose,
  onSaved,
}: {
  mode: 'create' | 'edit';
  user: User | null;
  open: boolean;
  orgTree: OrgSelectNode[];
  roleOptions: { value: string; label: string }[];
  onClose: () => void;
  onSaved: (user: User, initialPassword?: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<UserFormValues>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const fields = mode === 'create' ? ['username', 'displayName', 'role', 'organisationId', 'password'] : ['displayName', 'role', 'organisationId'];

  const onFinish = async (values: UserFormValues) => {
    setSaving(true);
    setProblem(null);
    try {
      if (mode === 'create') {
        const body: Record<string, unknown> = {
          username: values.username?.trim(),
          displayName: values.displayName.trim(),
          role: values.role,
          organisationId: values.organisationId ?? null,
        };
        if (values.password) body.password = values.password;
        const res = await api.post<{ user: User; initialPassword?: string }>('/api/users', body);
        onSaved(res.user, res.initialPassword);
      } else if (user) {
        const res = await api.patch<User>(`/api/users/${user.id}`, {
          displayName: values.displayName.trim(),
          role: values.role,
          organisationId: values.organisationId ?? null,
        });
        onSaved(res);
      }
    } catch (e) {
      if (isApiError(e)) {
        const extra = applyFieldErrors(form, e as ApiError, fields);
        setProblem({ title: e.title, ...(e.detail ? { detail: e.detail } : {}), extra });
      } else {
        setProblem({ title: t('errors.unexpected'), extra: [] });
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={mode === 'create' ? t('users.createTitle') : t('users.editTitle', { name: user?.displayName ?? '' })}
      onCancel={onClose}
      okText={mode === 'create' ? t('common.create') : t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      destroyOnHidden
      width={560}
    >
      <div data-testid="user-form">
        <ProblemAlert problem={problem} />
        <Form<UserFormValues>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          preserve={false}
          initialValues={
            user
              ? { displayName: user.displayName, role: user.role, organisationId: user.organisationId }
              : { role: 'unit_user' }
          }
        >
          {mode === 'create' ? (
            <Form.Item
              name="username"
              label={t('fields.username')}
              extra={t('users.usernameHint')}
              rules={[
                { required: true, whitespace: true, message: t('validation.usernameRequired') },
                { pattern: USERNAME_PATTERN, message: t('validation.usernamePattern') },
              ]}
            >
              <Input autoComplete="off" placeholder={t('users.usernamePlaceholder')} />
            </Form.Item>
          ) : (
            <Form.Item label={t('fields.username')}>
              <Typography.Text code>{user?.username}</Typography.Text>
            </Form.Item>
          )}
          <Form.Item
            name="displayName"
            label={t('fields.displayName')}
            rules={[
              { required: true, whitespace: true, message: t('validation.displayNameRequired') },
              { max: 60, message: t('validation.maxLength', { max: 60 }) },
            ]}
          >
            <Input placeholder={t('users.displayNamePlaceholder')} />
          </Form.Item>
          <Form.Item name="role" label={t('fields.role')} rules={[{ required: true, message: t('validation.roleRequired') }]}>
            <Select options={roleOptions} placeholder={t('users.rolePlaceholder')} data-testid="user-form-role" />
          </Form.Item>
          <Form.Item name="organisationId" label={t('fields.organisationId')} extra={t('users.organisationHint')}>
            <TreeSelect
              treeData={orgTree}
              showSearch={{ treeNodeFilterProp: 'title' }}
              allowClear
              treeDefaultExpandAll
              placeholder={t('users.organisationPlaceholder')}
              data-testid="user-form-org"
            />
          </Form.Item>
          {mode === 'create' && (
            <Form.Item
              name="password"
              label={t('users.initialPassword')}
              extra={t('users.initialPasswordHint')}
              rules={[
                {
                  validator: async (_, v: string | undefined) => {
                    if (v && !passwordAcceptable(v)) throw new Error(t('validation.passwordWeak'));
                  },
                },
              ]}
            >
              <Input.Password autoComplete="new-password" placeholder={t('users.initialPasswordPlaceholder')} />
            </Form.Item>
          )}
        </Form>
      </div>
    </Modal>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { can } = useAuth();
  const { message } = AntApp.useApp();
  const canWrite = can('users.write');
  const canAudit = can('audit.read');

  const [qInput, setQInput] = useState('');
  const q = useDebounced(qInput.trim(), 350);
  const [role, setRole] = useState<string | undefined>();
  const [organisationId, setOrganisationId] = useState<number | undefined>();
  const [active, setActive] = useState<'all' | 'true' | 'false'>('all');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);

  const { data, error, loading, reload } = useAsync(
    () =>
      api.get<Page<User>>('/api/users', {
        q,
        role,
        organisationId,
        active: active === 'all' ? undefined : active,
        page,
        pageSize,
      }),
    [q, role, organisationId, active, page, pageSize],
  );
  const orgs = useOrgTree();
  const orgTree = useMemo(() => toSelectTree(orgs.data ?? []), [orgs.data]);
  const orgFilterTree = useMemo(() => toSelectTree(orgs.data ?? [], { includeInactive: true }), [orgs.data]);

  const roleOptions = useMemo(
    () =>
      ROLES.filter((r) => r !== 'admin' || me.role === 'admin').map((r) => ({ value: r, label: roleLabel(r) })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, me.role],
  );
  const roleFilterOptions = useMemo(
    () => ROLES.map((r) => ({ value: r, label: roleLabel(r) })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t],
  );

  const [formState, setFormState] = useState<{ mode: 'create' | 'edit'; user: User | null } | null>(null);
  const [otp, setOtp] = useState<OneTimePassword | null>(null);
  const [history, setHistory] = useState<User | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);

  const showError = (e: unknown) => {
    if (isApiError(e)) void message.error(e.detail ? `${e.title}: ${e.detail}` : e.title);
    else void message.error(t('errors.unexpected'));
  };

  const setActiveFlag = async (u: User, value: boolean) => {
    setBusyId(u.id);
    try {
      await api.patch<User>(`/api/users/${u.id}`, { active: value });
      void message.success(value ? t('users.enabled', { name: u.displayName }) : t('users.disabled', { name: u.displayName }));
      reload();
    } catch (e) {
      showError(e);
    } finally {
      setBusyId(null);
    }
  };

  const resetPassword = async (u: User) => {
    setBusyId(u.id);
    try {
      const res = await api.post<{ initialPassword: string }>(`/api/users/${u.id}/reset-password`);
      setOtp({ username: u.username, displayName: u.displayName, password: res.initialPassword, reason: 'reset' });
      reload();
    } catch (e) {
      showError(e);
    } finally {
      setBusyId(null);
    }
  };

  const allColumns: NonNullable<TableProps<User>['columns']> = [
    {
      title: t('fields.username'),
      dataIndex: 'username',
      width: 150,
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    { title: t('fields.displayName'), dataIndex: 'displayName', width: 140 },
    {
      title: t('fields.role'),
      dataIndex: 'role',
      width: 170,
      render: (r: string) => <Tag color={ROLE_COLORS[r] ?? 'default'}>{roleLabel(r)}</Tag>,
    },
    {
      title: t('fields.organisationId'),
      dataIndex: 'organisationName',
      ellipsis: true,
      render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('users.noOrganisation')}</Typography.Text>,
    },
    {
      title: t('fields.active'),
      dataIndex: 'active',
      width: 110,
      render: (v: boolean, u) => (
        <Space size={4} orientation="vertical">
          <Badge status={v ? 'success' : 'default'} text={v ? t('common.active') : t('common.inactive')} />
          {u.mustChangePassword && v && (
            <Typography.Text type="warning" className="qs-small">
              {t('users.pendingPassword')}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('fields.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      width: 170,
      render: (v: string | null) => (v ? formatDateTime(v) : <Typography.Text type="secondary">{t('users.neverLoggedIn')}</Typography.Text>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: canWrite ? 250 : 100,
      render: (_, u) => (
        <Space size={0} wrap>
          {canWrite && (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setFormState({ mode: 'edit', user: u })}>
              {t('common.edit')}
            </Button>
          )}
          {canWrite && (
            <Popconfirm
              title={t('users.resetConfirmTitle')}
              description={t('users.resetConfirm', { name: u.displayName })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => resetPassword(u)}
            >
              <Button type="link" size="small" icon={<KeyOutlined />} loading={busyId === u.id}>
                {t('users.resetPassword')}
              </Button>
            </Popconfirm>
          )}
          {canWrite &&
            u.id !== me.id &&
            (u.active ? (
              <Popconfirm
                title={t('users.disableConfirmTitle')}
                description={t('users.disableConfirm', { name: u.displayName })}
                okText={t('common.confirm')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => setActiveFlag(u, false)}
              >
                <Button type="link" size="small" danger icon={<StopOutlined />}>
                  {t('common.disable')}
                </Button>
              </Popconfirm>
            ) : (
              <Button type="link" size="small" icon={<CheckCircleOutlined />} onClick={() => void setActiveFlag(u, true)}>
                {t('common.enable')}
              </Button>
            ))}
          {canAudit && (
            <Tooltip title={t('audit.historyTooltip')}>
              <Button type="link" size="small" icon={<HistoryOutlined />} onClick={() => setHistory(u)}>
                {t('audit.history')}
              </Button>
            </Tooltip>
          )}
        </Space>
      ),
    },
  ];

  const columns = canWrite || canAudit ? allColumns : allColumns.filter((c) => c.key !== 'actions');

  return (
    <div className="qs-page">
      <div className="qs-page-head">
        <div>
          <Typography.Title level={4} className="qs-page-title">
            <TeamOutlined /> {t('modules.users.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('modules.users.description')}</Typography.Text>
        </div>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormState({ mode: 'create', user: null })} data-testid="user-create">
            {t('users.create')}
          </Button>
        )}
      </div>
      <Card className="qs-card">
        <div className="qs-toolbar">
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            value={qInput}
            onChange={(e) => {
              setQInput(e.target.value);
              setPage(1);
            }}
            style={{ width: 260 }}
            data-testid="user-search"
          />
          <Select
            allowClear
            placeholder={t('users.filterRole')}
            options={roleFilterOptions}
            value={role}
            onChange={(v?: string) => {
              setRole(v);
              setPage(1);
            }}
            style={{ width: 200 }}
          />
          <TreeSelect
            allowClear
            placeholder={t('users.filterOrganisation')}
            treeData={orgFilterTree}
            showSearch={{ treeNodeFilterProp: 'title' }}
            value={organisationId}
            onChange={(v?: number) => {
              setOrganisationId(v);
              setPage(1);
            }}
            loading={orgs.loading}
            style={{ width: 240 }}
          />
          <StatusFilter
            value={active}
            onChange={(v) => {
              setActive(v);
              setPage(1);
            }}
          />
          <div className="qs-toolbar-spacer" />
          <RefreshButton onClick={reload} />
        </div>
        {error && !loading ? (
          <ErrorState error={error} onRetry={reload} />
        ) : (
          <Table<User>
            rowKey="id"
            size="middle"
            loading={loading}
            columns={columns}
            dataSource={data?.items ?? []}
            scroll={{ x: 1100 }}
            locale={{ emptyText: <EmptyState description={q || role || organisationId ? t('users.noMatch') : t('users.empty')} /> }}
            pagination={serverPagination(t, { page, pageSize, total: data?.total ?? 0, sizes: [10, 20, 50, 100] }, { page: setPage, pageSize: setPageSize })}
            data-testid="users-table"
          />
        )}
      </Card>

      {formState && (
        <UserFormModal
          open
          mode={formState.mode}
          user={formState.user}
          orgTree={orgTree}
          roleOptions={roleOptions}
          onClose={() => setFormState(null)}
          onSaved={(u, initialPassword) => {
            const mode = formState.mode;
            setFormState(null);
            void message.success(mode === 'create' ? t('users.created', { name: u.displayName }) : t('users.saved', { name: u.displayName }));
            if (initialPassword) {
              setOtp({ username: u.username, displayName: u.displayName, password: initialPassword, reason: 'created' });
            }
            reload();
          }}
        />
      )}
      <OneTimePasswordModal value={otp} onClose={() => setOtp(null)} />
      <HistoryDrawer
        open={!!history}
        onClose={() => setHistory(null)}
        entity={AUDIT_ENTITY_USER}
        entityId={history?.id ?? null}
        title={history ? `${history.displayName} (${history.username})` : ''}
      />
    </div>
  );
}
