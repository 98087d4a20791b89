import {
  ApartmentOutlined,
  CheckCircleOutlined,
  EditOutlined,
  HistoryOutlined,
  PlusOutlined,
  StopOutlined,
} from '@ant-design/icons';
import {
  App as AntApp,
  Badge,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Tree,
  TreeSelect,
  Typography,
} from 'antd';
import type { TableProps, TreeDataNode } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { applyFieldErrors } from '../components/forms.ts';
import { ProblemAlert, type FormProblem } from '../components/ProblemAlert.tsx';
import { HistoryDrawer } from '../components/HistoryDrawer.tsx';
import { EmptyState, ErrorState } from '../components/States.tsx';
import { RefreshButton, serverPagination, StatusFilter } from '../components/ListControls.tsx';
import { KIND_COLORS, kindLabel } from '../format.ts';
import i18n from '../i18n/index.ts';
import { useAsync, useDebounced } from '../hooks.ts';
import { flattenTree, toSelectTree, useOrgTree } from '../orgTree.ts';
import { ORG_KINDS, type Organisation, type OrgTreeNode, type Page, type SourceDocument } from '../types.ts';

export const AUDIT_ENTITY_ORGANISATION = 'organisation';

function matches(o: Organisation, needle: string): boolean {
  if (!needle) return false;
  const n = needle.toLowerCase();
  return [o.name, o.fullName ?? '', o.code ?? '', o.key, ...o.aliases].some((s) => s.toLowerCase().includes(n));
}

function highlight(text: string, needle: string): ReactNode {
  if (!needle) return text;
  const i = text.toLowerCase().indexOf(needle.toLowerCase());
  if (i < 0) return text;
  return (
    <>
      {text.slice(0, i)}
      <mark className="qs-mark">{text.slice(i, i + needle.length)}</mark>
      {text.slice(i + needle.length)}
    </>
  );
}

/** Tree nodes keeping only matches and their ancestors (all nodes when the search is empty). */
function buildTreeData(
  nodes: OrgTreeNode[],
  needle: string,
  t: (k: string, o?: Record<string, unknown>) => string,
): { data: TreeDataNode[]; expand: string[] } {
  const expand: string[] = [];
  const walk = (list: OrgTreeNode[]): TreeDataNode[] => {
    const out: TreeDataNode[] = [];
    for (const n of list) {
      const kids = n.children ? walk(n.children) : [];
      const self = matches(n, needle);
      if (needle && !self && kids.length === 0) continue;
      const aliasHit = needle && !n.name.toLowerCase().includes(needle.toLowerCase())
        ? n.aliases.find((a) => a.toLowerCase().includes(needle.toLowerCase()))
        : undefined;
      if (kids.length && (needle || n.kind === 'city')) expand.push(String(n.id));
      out.push({
        key: String(n.id),
        title: (
          <span className={n.active ? '' : 'qs-inactive'}>
            {highlight(n.name, needle)}
            {aliasHit && <span className="qs-tree-alias">{t('orgs.aliasMatch', { alias: aliasHit })}</span>}
            {!n.active && <span className="qs-tree-alias">{t('common.inactive')}</span>}
          </span>
        ),
        ...(kids.length ? { children: kids } : { isLeaf: true }),
      });
    }
    return out;
  };
  const data = walk(nodes);
  return { data, expand };
}

interface OrgFormValues {
  key?: string;
  name: string;
  fullName?: string;
  kind: string;
  parentId?: number | null;
  aliases?: string[];
  code?: string;
  codeOfficial?: boolean;
  unitType?: string | null;
  districtType?: string | null;
  note?: string;
}

export const UNIT_TYPES = ['government', 'party', 'court', 'vertical', 'enterprise', 'other'];
export const DISTRICT_TYPES = ['district', 'county', 'zone'];

export function unitTypeLabel(v: string): string {
  return i18n.t(`orgs.unitTypes.${v}`, { defaultValue: v });
}

export function districtTypeLabel(v: string): string {
  return i18n.t(`orgs.districtTypes.${v}`, { defaultValue: v });
}

function OrgFormModal({
  mode,
  org,
  tree,
  onClose,
  onSaved,
}: {
  mode: 'create' | 'edit';
  org: Organisation | null;
  tree: OrgTreeNode[];
  onClose: () => void;
  onSaved: (o: Organisation) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<OrgFormValues>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const kind = Form.useWatch('kind', form);
  const parentTree = useMemo(() => toSelectTree(tree, org ? { excludeId: org.id } : {}), [tree, org]);
  const fields = ['key', 'name', 'fullName', 'kind', 'parentId', 'aliases', 'code', 'codeOfficial', 'unitType', 'districtType', 'note'];

  const onFinish = async (v: OrgFormValues) => {
    setSaving(true);
    setProblem(null);
    const body: Record<string, unknown> = {
      name: v.name.trim(),
      fullName: v.fullName?.trim() ? v.fullName.trim() : null,
      kind: v.kind,
      parentId: v.parentId ?? null,
      aliases: (v.aliases ?? []).map((a) => a.trim()).filter(Boolean),
      code: v.code?.trim() ? v.code.trim() : null,
      codeOfficial: !!v.codeOfficial,
      note: v.note?.trim() ? v.note.trim() : null,
      unitType: v.kind === 'unit' ? (v.unitType ?? null) : null,
      districtType: v.kind === 'district' ? (v.districtType ?? null) : null,
    };
    try {
      if (mode === 'create') {
        body.key = v.key?.trim();
        onSaved(await api.post<Organisation>('/api/organisations', body));
      } else if (org) {
        onSaved(await api.patch<Organisation>(`/api/organisations/${org.id}`, body));
      }
    } catch (e) {
      if (isApiError(e)) {
        const extra = applyFieldErrors(form, e, fields);
        setProblem({ title: e.title, ...(e.detail ? { detail: e.detail } : {}), extra });
      } else setProblem({ title: t('errors.unexpected'), extra: [] });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={mode === 'create' ? t('orgs.createTitle') : t('orgs.editTitle', { name: org?.name ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={mode === 'create' ? t('common.create') : t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
      width={620}
    >
      <ProblemAlert problem={problem} />
      <Form<OrgFormValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={
          org
            ? {
                name: org.name,
                fullName: org.fullName ?? '',
                kind: org.kind,
                parentId: org.parentId,
                aliases: org.aliases,
                code: org.code ?? '',
                codeOfficial: org.codeOfficial,
                unitType: org.unitType,
                districtType: org.districtType,
                note: org.note ?? '',
              }
            : { kind: 'unit', aliases: [], codeOfficial: false }
        }
      >
        <Row gutter={16}>
          <Col span={12}>
            {mode === 'create' ? (
              <Form.Item
                name="key"
                label={t('fields.key')}
                extra={t('orgs.keyHint')}
                rules={[
                  { required: true, whitespace: true, message: t('validation.keyRequired') },
                  { pattern: /^[a-z0-9][a-z0-9-]{0,59}$/, message: t('validation.keyPattern') },
                ]}
              >
                <Input autoComplete="off" />
              </Form.Item>
            ) : (
              <Form.Item label={t('fields.key')}>
                <Typography.Text code>{org?.key}</Typography.Text>
              </Form.Item>
            )}
          </Col>
          <Col span={12}>
            <Form.Item name="kind" label={t('fields.kind')} rules={[{ required: true, message: t('validation.kindRequired') }]}>
              <Select options={ORG_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="name"
          label={t('fields.name')}
          rules={[
            { required: true, whitespace: true, message: t('validation.nameRequired') },
            { max: 100, message: t('validation.maxLength', { max: 100 }) },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="fullName" label={t('fields.fullName')} rules={[{ max: 200, message: t('validation.maxLength', { max: 200 }) }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="parentId"
          label={t('fields.parentId')}
          rules={[
            {
              validator: async (_, v: number | null | undefined) => {
                if (kind !== 'city' && (v === undefined || v === null)) throw new Error(t('validation.parentRequired'));
              },
            },
          ]}
        >
          <TreeSelect
            treeData={parentTree}
            allowClear
            treeDefaultExpandAll
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder={t('orgs.parentPlaceholder')}
          />
        </Form.Item>
        <Form.Item name="aliases" label={t('fields.aliases')} extra={t('orgs.aliasesHint')}>
          <Select mode="tags" tokenSeparators={[',', ';']} open={false} suffixIcon={null} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="code"
              label={t('fields.code')}
              extra={t('orgs.codeHint')}
              rules={[{ max: 40, message: t('validation.maxLength', { max: 40 }) }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="codeOfficial" label={t('fields.codeOfficial')} valuePropName="checked" extra={t('orgs.codeOfficialHint')}>
              <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
            </Form.Item>
          </Col>
        </Row>
        {kind === 'unit' && (
          <Form.Item name="unitType" label={t('fields.unitType')}>
            <Select allowClear options={UNIT_TYPES.map((u) => ({ value: u, label: unitTypeLabel(u) }))} />
          </Form.Item>
        )}
        {kind === 'district' && (
          <Form.Item name="districtType" label={t('fields.districtType')}>
            <Select allowClear options={DISTRICT_TYPES.map((d) => ({ value: d, label: districtTypeLabel(d) }))} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('fields.note')} rules={[{ max: 1000, message: t('validation.maxLength', { max: 1000 }) }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function OrgDetail({
  org,
  parent,
  canWrite,
  canAudit,
  onEdit,
  onToggle,
  onHistory,
  onSelect,
  busy,
}: {
  org: Organisation;
  parent: Organisation | undefined;
  canWrite: boolean;
  canAudit: boolean;
  onEdit: () => void;
  onToggle: () => void;
  onHistory: () => void;
  onSelect: (id: number) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const documents = useAsync(() => api.get<SourceDocument[]>('/api/documents'), []);
  const titleOf = (doc: string) => documents.data?.find((d) => d.id === doc)?.title;
  return (
    <Card
      className="qs-card"
      data-testid="org-detail"
      title={
        <Space>
          <ApartmentOutlined className="qs-card-title-icon" />
          <span>{org.name}</span>
          <Tag color={KIND_COLORS[org.kind] ?? 'default'}>{kindLabel(org.kind)}</Tag>
          {!org.active && <Tag>{t('common.inactive')}</Tag>}
        </Space>
      }
      extra={
        <Space size={4}>
          {canWrite && (
            <Button size="small" icon={<EditOutlined />} onClick={onEdit}>
              {t('common.edit')}
            </Button>
          )}
          {canWrite &&
            (org.active ? (
              <Popconfirm
                title={t('orgs.disableConfirmTitle')}
                description={t('orgs.disableConfirm', { name: org.name })}
                okText={t('common.confirm')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={onToggle}
              >
                <Button size="small" danger icon={<StopOutlined />} loading={busy}>
                  {t('common.disable')}
                </Button>
              </Popconfirm>
            ) : (
              <Button size="small" icon={<CheckCircleOutlined />} onClick={onToggle} loading={busy}>
                {t('common.enable')}
              </Button>
            ))}
          {canAudit && (
            <Button size="small" icon={<HistoryOutlined />} onClick={onHistory}>
              {t('audit.history')}
            </Button>
          )}
        </Space>
      }
    >
      <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
        <Descriptions.Item label={t('fields.name')}>{org.name}</Descriptions.Item>
        <Descriptions.Item label={t('fields.fullName')}>{org.fullName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('fields.kind')}>
          {kindLabel(org.kind)}
          {org.kind === 'unit' && org.unitType ? ` · ${unitTypeLabel(org.unitType)}` : ''}
          {org.kind === 'district' && org.districtType ? ` · ${districtTypeLabel(org.districtType)}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('fields.code')}>
          {org.code ? (
            <Space size={6}>
              <Typography.Text code>{org.code}</Typography.Text>
              {org.codeOfficial ? (
                <Tag color="green">{t('orgs.codeOfficial')}</Tag>
              ) : (
                <Tooltip title={t('orgs.codeInternalHint')}>
                  <Tag color="orange" data-testid="code-internal">
                    {t('orgs.codeInternal')}
                  </Tag>
                </Tooltip>
              )}
            </Space>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('fields.parentId')}>
          {parent ? (
            <Typography.Link onClick={() => onSelect(parent.id)}>{parent.name}</Typography.Link>
          ) : (
            t('orgs.noParent')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('fields.key')}>
          <Typography.Text code>{org.key}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('fields.aliases')} span={2}>
          {org.aliases.length ? org.aliases.map((a) => <Tag key={a}>{a}</Tag>) : '—'}
        </Descriptions.Item>
        {org.note && (
          <Descriptions.Item label={t('fields.note')} span={2}>
            {org.note}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Title level={5} className="qs-subsection-title">
        {t('fields.sources')}
      </Typography.Title>
      {org.sources.length === 0 ? (
        <Typography.Text type="secondary">{t('orgs.noSources')}</Typography.Text>
      ) : (
        <div className="qs-sources">
          {org.sources.map((s, i) => (
            <div className="qs-source" key={`${s.doc}-${s.clause}-${i}`}>
              <div className="qs-source-head">
                <Tooltip title={titleOf(s.doc)}>
                  <Tag color="blue">{t('orgs.doc', { doc: s.doc })}</Tag>
                </Tooltip>
                {titleOf(s.doc) && <Typography.Text className="qs-source-title">{titleOf(s.doc)}</Typography.Text>}
                {s.clause && <Typography.Text type="secondary">{t('orgs.clause', { clause: s.clause })}</Typography.Text>}
                {s.role && <Tag color="cyan">{s.role}</Tag>}
              </div>
              {s.text && <div className="qs-source-text">{s.text}</div>}
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}

export function OrganisationsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = AntApp.useApp();
  const canWrite = can('orgs.write');
  const canAudit = can('audit.read');

  const tree = useOrgTree();
  const [treeSearch, setTreeSearch] = useState('');
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const needle = treeSearch.trim();
  const treeData = useMemo(() => buildTreeData(tree.data ?? [], needle, t), [tree.data, needle, t]);
  const all = useMemo(() => flattenTree(tree.data ?? []), [tree.data]);
  const byId = useMemo(() => new Map(all.map((o) => [o.id, o])), [all]);
  useEffect(() => setExpanded(null), [needle]);

  const [qInput, setQInput] = useState('');
  const q = useDebounced(qInput.trim(), 350);
  const [kind, setKind] = useState<string | undefined>();
  const [active, setActive] = useState<'all' | 'true' | 'false'>('all');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const list = useAsync(
    () =>
      api.get<Page<Organisation>>('/api/organisations', {
        q,
        kind,
        active: active === 'all' ? undefined : active,
        page,
        pageSize,
      }),
    [q, kind, active, page, pageSize],
  );

  const [selectedId, setSelectedId] = useState<number | null>(null);
  const selected = useAsync(
    () => (selectedId === null ? Promise.resolve(undefined) : api.get<Organisation>(`/api/organisations/${selectedId}`)),
    [selectedId],
  );
  const [formState, setFormState] = useState<{ mode: 'create' | 'edit'; org: Organisation | null } | null>(null);
  const [history, setHistory] = useState<Organisation | null>(null);
  const [busy, setBusy] = useState(false);

  const refreshAll = () => {
    tree.reload();
    list.reload();
    selected.reload();
  };

  const toggle = async (o: Organisation) => {
    setBusy(true);
    try {
      await api.patch<Organisation>(`/api/organisations/${o.id}`, { active: !o.active });
      void message.success(o.active ? t('orgs.disabled', { name: o.name }) : t('orgs.enabled', { name: o.name }));
      refreshAll();
    } catch (e) {
      if (isApiError(e)) void message.error(e.detail ? `${e.title}: ${e.detail}` : e.title);
      else void message.error(t('errors.unexpected'));
    } finally {
      setBusy(false);
    }
  };

  const columns: TableProps<Organisation>['columns'] = [
    {
      title: t('fields.name'),
      dataIndex: 'name',
      render: (v: string, o) => (
        <Space size={4} orientation="vertical">
          <Typography.Link onClick={() => setSelectedId(o.id)}>{v}</Typography.Link>
          {o.fullName && o.fullName !== v && (
            <Typography.Text type="secondary" className="qs-small">
              {o.fullName}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('fields.kind'),
      dataIndex: 'kind',
      width: 100,
      render: (k: string) => <Tag color={KIND_COLORS[k] ?? 'default'}>{kindLabel(k)}</Tag>,
    },
    {
      title: t('fields.code'),
      dataIndex: 'code',
      width: 200,
      render: (c: string | null, o) =>
        c ? (
          <Space size={4} wrap={false} className="qs-nowrap">
            <Typography.Text code>{c}</Typography.Text>
            {!o.codeOfficial && <Tag color="orange">{t('orgs.codeInternal')}</Tag>}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('fields.parentId'),
      dataIndex: 'parentId',
      width: 150,
      render: (p: number | null) => (p !== null ? (byId.get(p)?.name ?? p) : '—'),
    },
    {
      title: t('fields.active'),
      dataIndex: 'active',
      width: 90,
      render: (v: boolean) => <Badge status={v ? 'success' : 'default'} text={v ? t('common.active') : t('common.inactive')} />,
    },
  ];

  return (
    <div className="qs-page">
      <div className="qs-page-head">
        <div>
          <Typography.Title level={4} className="qs-page-title">
            <ApartmentOutlined /> {t('modules.organisations.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('modules.organisations.description')}</Typography.Text>
        </div>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormState({ mode: 'create', org: null })}>
            {t('orgs.create')}
          </Button>
        )}
      </div>
      <Row gutter={16} wrap={false} className="qs-org-layout">
        <Col flex="300px">
          <Card className="qs-card qs-org-tree-card" title={t('orgs.treeTitle')} size="small">
            <Input.Search
              allowClear
              placeholder={t('orgs.treeSearch')}
              value={treeSearch}
              onChange={(e) => setTreeSearch(e.target.value)}
              style={{ marginBottom: 12 }}
              data-testid="org-tree-search"
            />
            {tree.loading && !tree.data ? (
              <Skeleton active paragraph={{ rows: 8 }} />
            ) : tree.error ? (
              <ErrorState error={tree.error} onRetry={tree.reload} />
            ) : treeData.data.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={needle ? t('orgs.treeNoMatch') : t('orgs.empty')} />
            ) : (
              <div data-testid="org-tree">
                <Tree
                  blockNode
                  showLine
                  treeData={treeData.data}
                  expandedKeys={expanded ?? treeData.expand}
                  onExpand={(keys) => setExpanded(keys.map(String))}
                  selectedKeys={selectedId !== null ? [String(selectedId)] : []}
                  onSelect={(keys) => {
                    const k = keys[0];
                    if (k !== undefined) setSelectedId(Number(k));
                  }}
                />
              </div>
            )}
          </Card>
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Card className="qs-card" size="small">
            <div className="qs-toolbar">
              <Input.Search
                allowClear
                placeholder={t('orgs.searchPlaceholder')}
                value={qInput}
                onChange={(e) => {
                  setQInput(e.target.value);
                  setPage(1);
                }}
                style={{ width: 260 }}
              />
              <Select
                allowClear
                placeholder={t('orgs.filterKind')}
                value={kind}
                onChange={(v?: string) => {
                  setKind(v);
                  setPage(1);
                }}
                options={ORG_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
                style={{ width: 150 }}
              />
              <StatusFilter
                value={active}
                onChange={(v) => {
                  setActive(v);
                  setPage(1);
                }}
              />
              <div className="qs-toolbar-spacer" />
              <RefreshButton onClick={refreshAll} />
            </div>
            {list.error && !list.loading ? (
              <ErrorState error={list.error} onRetry={list.reload} />
            ) : (
              <Table<Organisation>
                rowKey="id"
                size="small"
                loading={list.loading}
                columns={columns}
                dataSource={list.data?.items ?? []}
                rowClassName={(o) => (o.id === selectedId ? 'qs-row-selected' : '')}
                onRow={(o) => ({ onClick: () => setSelectedId(o.id) })}
                locale={{ emptyText: <EmptyState description={q || kind ? t('orgs.noMatch') : t('orgs.empty')} /> }}
                pagination={serverPagination(t, { page, pageSize, total: list.data?.total ?? 0, sizes: [10, 20, 50] }, { page: setPage, pageSize: setPageSize })}
                data-testid="orgs-table"
              />
            )}
          </Card>
          <div style={{ marginTop: 16 }}>
            {selectedId === null ? (
              <Card className="qs-card">
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgs.selectHint')} />
              </Card>
            ) : selected.loading && !selected.data ? (
              <Card className="qs-card">
                <Skeleton active paragraph={{ rows: 5 }} />
              </Card>
            ) : selected.error ? (
              <ErrorState error={selected.error} onRetry={selected.reload} />
            ) : selected.data ? (
              <OrgDetail
                org={selected.data}
                parent={selected.data.parentId !== null ? byId.get(selected.data.parentId) : undefined}
                canWrite={canWrite}
                canAudit={canAudit}
                busy={busy}
                onEdit={() => setFormState({ mode: 'edit', org: selected.data ?? null })}
                onToggle={() => selected.data && void toggle(selected.data)}
                onHistory={() => setHistory(selected.data ?? null)}
                onSelect={setSelectedId}
              />
            ) : null}
          </div>
        </Col>
      </Row>

      {formState && (
        <OrgFormModal
          mode={formState.mode}
          org={formState.org}
          tree={tree.data ?? []}
          onClose={() => setFormState(null)}
          onSaved={(o) => {
            const mode = formState.mode;
            setFormState(null);
            void message.success(mode === 'create' ? t('orgs.created', { name: o.name }) : t('orgs.saved', { name: o.name }));
            setSelectedId(o.id);
            refreshAll();
          }}
        />
      )}
      <HistoryDrawer
        open={!!history}
        onClose={() => setHistory(null)}
        entity={AUDIT_ENTITY_ORGANISATION}
        entityId={history?.id ?? null}
        title={history?.name ?? ''}
      />
    </div>
  );
}
