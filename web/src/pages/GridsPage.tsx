// 网格管理: the grids of the supervision network (市级 / 县级 / 乡镇级 / 村级), each owned by a district
// or unit, with its 网格长 and 网格员. District users manage their own district's grids.
import { BorderInnerOutlined, CheckCircleOutlined, DeleteOutlined, EditOutlined, HistoryOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Badge,
  Button,
  Card,
  Col,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
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
import { GRID_CODE_PATTERN, GRID_LEVELS, fitsUnder, type GridLevel, type MemberRole } from '../../../src/grids/rules.ts';
import { api, isApiError } from '../api.ts';
import { useAuth, useCurrentUser } from '../auth.tsx';
import { applyFieldErrors } from '../components/forms.ts';
import { HistoryDrawer } from '../components/HistoryDrawer.tsx';
import { RefreshButton, serverPagination, StatusFilter } from '../components/ListControls.tsx';
import { ProblemAlert, type FormProblem } from '../components/ProblemAlert.tsx';
import { EmptyState, ErrorState } from '../components/States.tsx';
import { GridLevelTag, GridSelect, subtreeIds, subtreeOf, UserSelect, type Grid } from '../grids/controls.tsx';
import { useAsync, useDebounced } from '../hooks.ts';
import { toSelectTree, useOrgTree } from '../orgTree.ts';
import type { Page } from '../types.ts';

export const AUDIT_ENTITY_GRID = 'grid';

interface GridFormValues {
  code: string;
  name: string;
  level: GridLevel;
  organisationId?: number;
  parentId?: number | null;
  members?: { userId?: number; role: MemberRole }[];
  note?: string;
}

const CODE = new RegExp(GRID_CODE_PATTERN);

function GridFormModal({
  grid,
  orgTree,
  defaultOrganisationId,
  onClose,
  onSaved,
}: {
  grid: Grid | null;
  orgTree: ReturnType<typeof toSelectTree>;
  defaultOrganisationId: number | null;
  onClose: () => void;
  onSaved: (grid: Grid) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<GridFormValues>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const level = Form.useWatch('level', form);

  const onFinish = async (v: GridFormValues) => {
    setSaving(true);
    setProblem(null);
    const body = {
      code: v.code.trim(),
      name: v.name.trim(),
      level: v.level,
      organisationId: v.organisationId,
      parentId: v.parentId ?? null,
      note: v.note?.trim() || null,
      members: (v.members ?? []).filter((m) => m.userId).map((m) => ({ userId: m.userId, role: m.role })),
    };
    try {
      onSaved(grid ? await api.patch<Grid>(`/api/grids/${grid.id}`, body) : await api.post<Grid>('/api/grids', body));
    } catch (e) {
      if (isApiError(e)) {
        const extra = applyFieldErrors(form, e, ['code', 'name', 'level', 'organisationId', 'parentId', 'note']);
        setProblem({ title: e.title, ...(e.detail ? { detail: e.detail } : {}), extra });
      } else setProblem({ title: t('errors.unexpected'), extra: [] });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={grid ? t('grids.editTitle', { name: grid.name }) : t('grids.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={grid ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'grid-submit' } as { [k: `data-${string}`]: string }}
      destroyOnHidden
      width={680}
    >
      <div data-testid="grid-modal">
        <ProblemAlert problem={problem} />
        <Form<GridFormValues>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={
            grid
              ? {
                  code: grid.code,
                  name: grid.name,
                  level: grid.level,
                  organisationId: grid.organisationId,
                  parentId: grid.parentId,
                  note: grid.note ?? '',
                  members: grid.members.map((m) => ({ userId: m.userId, role: m.role })),
                }
              : { level: 'township', members: [], ...(defaultOrganisationId !== null && { organisationId: defaultOrganisationId }) }
          }
        >
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item
                name="code"
                label={t('grids.code')}
                extra={t('grids.codeHint')}
                rules={[
                  { required: true, whitespace: true, message: t('grids.codeRequired') },
                  { pattern: CODE, message: t('grids.codePattern') },
                ]}
              >
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="level" label={t('grids.level')} rules={[{ required: true, message: t('grids.levelRequired') }]}>
                <Select options={GRID_LEVELS.map((l) => ({ value: l, label: t(`grids.levels.${l}`) }))} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="name"
            label={t('grids.name')}
            rules={[
              { required: true, whitespace: true, message: t('grids.nameRequired') },
              { max: 100, message: t('validation.maxLength', { max: 100 }) },
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="organisationId" label={t('grids.organisation')} extra={t('grids.organisationHint')} rules={[{ required: true, message: t('grids.organisationRequired') }]}>
            <TreeSelect treeData={orgTree} showSearch={{ treeNodeFilterProp: 'title' }} placeholder={t('grids.organisationPlaceholder')} />
          </Form.Item>
          <Form.Item name="parentId" label={t('grids.parent')} extra={t('grids.parentHint')}>
            <GridSelect
              placeholder={t('grids.parentPlaceholder')}
              excludeId={grid?.id}
              allow={(g) => !level || fitsUnder(g.level, level)}
              known={grid?.parentId ? [{ value: grid.parentId, label: grid.parentName ?? `#${grid.parentId}` }] : []}
              testId="grid-parent"
            />
          </Form.Item>
          <Typography.Text className="qs-grid-members-label">{t('grids.members')}</Typography.Text>
          <Form.List name="members">
            {(fields, { add, remove }) => (
              <div className="qs-grid-members">
                {fields.map((field, index) => (
                  <Row key={field.key} gutter={8} align="top">
                    <Col flex="auto">
                      <Form.Item name={[field.name, 'userId']} rules={[{ required: true, message: t('grids.memberRequired') }]}>
                        <UserSelect
                          placeholder={t('grids.memberPlaceholder')}
                          known={(grid?.members ?? []).map((m) => ({ value: m.userId, label: t('grids.userLabel', { name: m.displayName, username: m.username }) }))}
                          testId={`grid-member-${index}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col flex="140px">
                      <Form.Item
                        name={[field.name, 'role']}
                        rules={[
                          ({ getFieldValue }) => ({
                            validator: async (_, role: MemberRole) => {
                              const members = (getFieldValue('members') ?? []) as { role: MemberRole }[];
                              if (role === 'chief' && members.findIndex((m) => m.role === 'chief') !== index) throw new Error(t('grids.oneChief'));
                            },
                          }),
                        ]}
                      >
                        <Select
                          options={(['chief', 'inspector'] as const).map((r) => ({ value: r, label: t(`grids.roles.${r}`) }))}
                          aria-label={t('grids.memberRoleOf', { n: index + 1 })}
                        />
                      </Form.Item>
                    </Col>
                    <Col flex="32px">
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('grids.removeMember')} />
                    </Col>
                  </Row>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ role: fields.length === 0 ? 'chief' : 'inspector' })} disabled={fields.length >= 50}>
                  {t('grids.addMember')}
                </Button>
              </div>
            )}
          </Form.List>
          <Form.Item name="note" label={t('grids.note')} rules={[{ max: 1000, message: t('validation.maxLength', { max: 1000 }) }]} className="qs-grid-note">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

export function GridsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const user = useCurrentUser();
  const { message } = AntApp.useApp();
  const canManage = can('grids.manage');
  const tree = useOrgTree();
  const selectTree = useMemo(() => toSelectTree(tree.data ?? []), [tree.data]);
  // District users manage their own district's grids (grids.manage in scope 'organisation'); the
  // server refuses the rest anyway, the page only does not offer it.
  const scoped = user.role === 'district_user';
  const manageable = useMemo(() => (scoped ? subtreeIds(tree.data ?? [], user.organisationId) : null), [scoped, tree.data, user.organisationId]);
  const mayManage = (g: Grid) => canManage && (manageable === null || manageable.has(g.organisationId));

  const [qInput, setQInput] = useState('');
  const q = useDebounced(qInput.trim(), 350);
  const [organisationId, setOrganisationId] = useState<number | undefined>();
  const [level, setLevel] = useState<GridLevel | undefined>();
  const [active, setActive] = useState<'all' | 'true' | 'false'>('all');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useAsync(
    () => api.get<Page<Grid>>('/api/grids', { q, organisationId, level, active: active === 'all' ? undefined : active, page, pageSize }),
    [q, organisationId, level, active, page, pageSize],
  );
  const [editing, setEditing] = useState<{ grid: Grid | null } | null>(null);
  const [history, setHistory] = useState<Grid | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const filtered = !!(q || organisationId || level || active !== 'all');

  const toggle = async (g: Grid) => {
    setBusy(g.id);
    try {
      await api.patch<Grid>(`/api/grids/${g.id}`, { active: !g.active });
      void message.success(g.active ? t('grids.deactivated', { name: g.name }) : t('grids.activated', { name: g.name }));
      list.reload();
    } catch (e) {
      if (isApiError(e)) void message.error(e.detail ? `${e.title}: ${e.detail}` : e.title);
      else void message.error(t('errors.unexpected'));
    } finally {
      setBusy(null);
    }
  };

  const columns: TableProps<Grid>['columns'] = [
    {
      title: t('grids.code'),
      dataIndex: 'code',
      width: 150,
      render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
    },
    {
      title: t('grids.name'),
      dataIndex: 'name',
      render: (name: string, g) => (
        <Space size={2} orientation="vertical">
          <Typography.Text strong>{name}</Typography.Text>
          {g.parentName && (
            <Typography.Text type="secondary" className="qs-small">
              {t('grids.under', { name: g.parentName })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('grids.level'), dataIndex: 'level', width: 90, render: (l: GridLevel) => <GridLevelTag level={l} /> },
    { title: t('grids.organisation'), dataIndex: 'organisationName', width: 170 },
    {
      title: t('grids.members'),
      key: 'members',
      width: 230,
      render: (_, g) => {
        const chief = g.members.find((m) => m.role === 'chief');
        const inspectors = g.members.filter((m) => m.role === 'inspector');
        if (!chief && inspectors.length === 0) return <Typography.Text type="secondary">{t('grids.noMembers')}</Typography.Text>;
        return (
          <Space size={4} wrap>
            {chief && <Tag color="green">{t('grids.chiefIs', { name: chief.displayName })}</Tag>}
            {inspectors.map((m) => (
              <Tag key={m.userId}>{m.displayName}</Tag>
            ))}
          </Space>
        );
      },
    },
    {
      title: t('grids.boundary'),
      dataIndex: 'geometrySha256',
      width: 90,
      render: (hash: string | null) => (hash ? <Tag color="blue">{t('grids.boundaryDrawn')}</Tag> : <Typography.Text type="secondary">{t('grids.boundaryNone')}</Typography.Text>),
    },
    {
      title: t('fields.active'),
      dataIndex: 'active',
      width: 90,
      render: (v: boolean) => <Badge status={v ? 'success' : 'default'} text={v ? t('common.active') : t('common.inactive')} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_, g) => (
        <Space size={0}>
          {mayManage(g) && (
            <Tooltip title={t('common.edit')}>
              <Button type="text" size="small" icon={<EditOutlined />} onClick={() => setEditing({ grid: g })} aria-label={t('common.edit')} data-testid="grid-edit" />
            </Tooltip>
          )}
          {mayManage(g) &&
            (g.active ? (
              <Popconfirm
                title={t('grids.deactivateTitle')}
                description={t('grids.deactivateConfirm', { name: g.name })}
                okText={t('common.disable')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => toggle(g)}
              >
                <Tooltip title={t('common.disable')}>
                  <Button type="text" size="small" danger icon={<StopOutlined />} loading={busy === g.id} aria-label={t('common.disable')} data-testid="grid-deactivate" />
                </Tooltip>
              </Popconfirm>
            ) : (
              <Tooltip title={t('common.enable')}>
                <Button type="text" size="small" icon={<CheckCircleOutlined />} loading={busy === g.id} onClick={() => void toggle(g)} aria-label={t('common.enable')} />
              </Tooltip>
            ))}
          {can('audit.read') && (
            <Tooltip title={t('audit.history')}>
              <Button type="text" size="small" icon={<HistoryOutlined />} onClick={() => setHistory(g)} aria-label={t('audit.history')} />
            </Tooltip>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div className="qs-page" data-testid="grids-page">
      <div className="qs-page-head">
        <div>
          <Typography.Title level={4} className="qs-page-title">
            <BorderInnerOutlined /> {t('modules.grids.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('modules.grids.description')}</Typography.Text>
        </div>
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ grid: null })} data-testid="grid-create">
            {t('grids.create')}
          </Button>
        )}
      </div>
      <Card className="qs-card" size="small">
        <div className="qs-toolbar">
          <Input.Search
            allowClear
            placeholder={t('grids.searchPlaceholder')}
            value={qInput}
            onChange={(e) => {
              setQInput(e.target.value);
              setPage(1);
            }}
            style={{ width: 240 }}
          />
          <TreeSelect
            allowClear
            treeData={selectTree}
            value={organisationId}
            onChange={(v?: number) => {
              setOrganisationId(v);
              setPage(1);
            }}
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder={t('grids.filterOrganisation')}
            style={{ width: 220 }}
            data-testid="grid-filter-organisation"
          />
          <Select
            allowClear
            placeholder={t('grids.filterLevel')}
            value={level}
            onChange={(v?: GridLevel) => {
              setLevel(v);
              setPage(1);
            }}
            options={GRID_LEVELS.map((l) => ({ value: l, label: t(`grids.levels.${l}`) }))}
            style={{ width: 130 }}
          />
          <StatusFilter
            value={active}
            onChange={(v) => {
              setActive(v);
              setPage(1);
            }}
          />
          <div className="qs-toolbar-spacer" />
          <RefreshButton onClick={list.reload} />
        </div>
        {list.error && !list.loading ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Table<Grid>
            rowKey="id"
            size="small"
            loading={list.loading}
            columns={columns}
            dataSource={list.data?.items ?? []}
            rowClassName={(g) => (g.active ? '' : 'qs-inactive')}
            locale={{
              emptyText: filtered ? (
                <EmptyState description={t('grids.noMatch')} />
              ) : (
                <div data-testid="grids-empty">
                  <EmptyState description={canManage ? t('grids.emptyManage') : t('grids.empty')} />
                </div>
              ),
            }}
            pagination={serverPagination(t, { page, pageSize, total: list.data?.total ?? 0, sizes: [10, 20, 50] }, { page: setPage, pageSize: setPageSize })}
            data-testid="grids-table"
          />
        )}
      </Card>

      {editing && (
        <GridFormModal
          grid={editing.grid}
          orgTree={scoped ? subtreeOf(selectTree, user.organisationId) : selectTree}
          defaultOrganisationId={scoped ? user.organisationId : null}
          onClose={() => setEditing(null)}
          onSaved={(g) => {
            const created = editing.grid === null;
            setEditing(null);
            void message.success(created ? t('grids.created', { name: g.name }) : t('grids.saved', { name: g.name }));
            list.reload();
          }}
        />
      )}
      <HistoryDrawer open={!!history} onClose={() => setHistory(null)} entity={AUDIT_ENTITY_GRID} entityId={history?.id ?? null} title={history?.name ?? ''} />
    </div>
  );
}
