// 准入规则: the screening rules in force — layer × zone × project category → verdict, with the basis
// and the document and clause it comes from — filterable by layer and category. The coordinator edits
// a working copy (change, add, delete rows) and saves it as a new version with a note; screenings
// already made keep the version they used. The earlier versions are listed in a drawer.
import { DeleteOutlined, EditOutlined, HistoryOutlined, PlusOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Descriptions, Drawer, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { ProblemAlert, type FormProblem } from '../../components/ProblemAlert.tsx';
import { RefreshButton } from '../../components/ListControls.tsx';
import { describeError, EmptyState, ErrorState } from '../../components/States.tsx';
import { formatDateTime } from '../../format.ts';
import { useAsync } from '../../hooks.ts';
import type { Rule, RuleInput, RuleSet, RuleSetVersion } from '../../spatial/adminTypes.ts';
import { useSourceDocuments } from '../../spatial/documents.ts';
import { localName } from '../../spatial/LayerTree.tsx';
import { filterText, RuleEditModal } from '../../spatial/RuleEditModal.tsx';
import { SpatialHeader } from '../../spatial/SpatialHeader.tsx';
import type { Category, LayerView } from '../../spatial/types.ts';
import { RuleVerdictTag } from '../../spatial/verdicts.tsx';
import '../../spatial/spatial.css';
import '../../spatial/spatial-admin.css';

interface RuleRow extends RuleInput {
  key: string;
  /** In the working copy: added or changed since the version in force. */
  change?: 'added' | 'edited';
}

interface RulesAnswer {
  ruleSet: RuleSet | null;
  items: Rule[];
}

const ALL = '__all__';
const ANY_CATEGORY = '__null__';

const rowOf = (r: Rule): RuleRow => ({
  key: `r${r.id}`,
  layer: r.layer,
  zone: r.zone,
  category: r.category,
  featureFilter: r.featureFilter,
  withinM: r.withinM,
  verdict: r.verdict,
  basis: r.basis,
  doc: r.doc,
  clause: r.clause,
});

/**
 * The body of PUT /api/spatial/rules: only the fields a rule is made of. The optional ones are left
 * out rather than sent as null: the server's request coercion turns a null number into 0, which would
 * make an overlap rule a "within 0 m" one.
 */
function inputOf(r: RuleRow): RuleInput {
  const input: RuleInput = { layer: r.layer, zone: r.zone, category: r.category, verdict: r.verdict, basis: r.basis };
  if (r.featureFilter && Object.keys(r.featureFilter).length > 0) input.featureFilter = r.featureFilter;
  if (r.withinM != null) input.withinM = r.withinM;
  if (r.doc) input.doc = r.doc;
  if (r.clause) input.clause = r.clause;
  return input;
}

export function RulesPage() {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const { can } = useAuth();
  const manage = can('spatial.manage');
  const rules = useAsync(() => api.get<RulesAnswer>('/api/spatial/rules'), []);
  const layers = useAsync(() => api.get<{ items: LayerView[] }>('/api/spatial/layers').then((r) => r.items), []);
  const categories = useAsync(() => api.get<{ items: Category[] }>('/api/spatial/categories').then((r) => r.items), []);
  const { documents, titleOf } = useSourceDocuments();
  const [layerFilter, setLayerFilter] = useState<string>(ALL);
  const [categoryFilter, setCategoryFilter] = useState<string>(ALL);
  const [draft, setDraft] = useState<RuleRow[] | null>(null);
  const [editing, setEditing] = useState<RuleRow | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [versionsKey, setVersionsKey] = useState(0);
  const [nextKey, setNextKey] = useState(1);

  const layerByCode = useMemo(() => new Map((layers.data ?? []).map((l) => [l.code, l])), [layers.data]);
  const categoryByCode = useMemo(() => new Map((categories.data ?? []).map((c) => [c.code, c])), [categories.data]);
  const ruleSet = rules.data?.ruleSet ?? null;
  const rows: RuleRow[] = draft ?? (rules.data?.items ?? []).map(rowOf);
  const shown = rows.filter(
    (r) =>
      (layerFilter === ALL || r.layer === layerFilter) &&
      (categoryFilter === ALL || (categoryFilter === ANY_CATEGORY ? r.category === null : r.category === categoryFilter || r.category === null)),
  );
  const changes = draft ? draft.filter((r) => r.change).length + Math.max(0, (rules.data?.items.length ?? 0) - draft.filter((r) => r.change !== 'added').length) : 0;

  const layerName = (code: string) => {
    const l = layerByCode.get(code);
    return l ? localName(l, i18n.language) : code;
  };
  const zoneName = (layer: string, zone: string | null) => {
    if (zone === null) return t('spatial.rules.allZones');
    const z = layerByCode.get(layer)?.zones.find((x) => x.code === zone);
    return z ? localName(z, i18n.language) : zone;
  };
  const categoryName = (code: string | null) => {
    if (code === null) return t('spatial.rules.allCategories');
    const c = categoryByCode.get(code);
    return c ? localName(c, i18n.language) : code;
  };

  const columns: TableProps<RuleRow>['columns'] = [
    {
      title: t('spatial.rules.cols.layer'),
      key: 'layer',
      width: 120,
      render: (_, r) => (
        <div>
          <span data-testid="rule-layer">{layerName(r.layer)}</span>
          {r.change && (
            <Tag color={r.change === 'added' ? 'green' : 'gold'} className="qs-spatial-tag" data-testid="rule-change">
              {t(`spatial.rules.change.${r.change}`)}
            </Tag>
          )}
        </div>
      ),
    },
    { title: t('spatial.rules.cols.zone'), key: 'zone', width: 100, render: (_, r) => <span className={r.zone === null ? 'qs-muted' : undefined}>{zoneName(r.layer, r.zone)}</span> },
    { title: t('spatial.rules.cols.category'), key: 'category', width: 100, render: (_, r) => <span className={r.category === null ? 'qs-muted' : undefined}>{categoryName(r.category)}</span> },
    {
      title: t('spatial.rules.cols.distance'),
      key: 'distance',
      width: 96,
      render: (_, r) => <span data-testid="rule-distance">{r.withinM == null ? t('spatial.rules.overlap') : t('spatial.rules.within', { distance: r.withinM.toLocaleString() })}</span>,
    },
    {
      title: t('spatial.rules.cols.filter'),
      key: 'filter',
      width: 110,
      render: (_, r) => (r.featureFilter && Object.keys(r.featureFilter).length ? <code className="qs-small">{filterText(r.featureFilter).replace(/\n/g, '; ')}</code> : <span className="qs-muted">—</span>),
    },
    { title: t('spatial.rules.cols.verdict'), key: 'verdict', width: 96, render: (_, r) => <RuleVerdictTag verdict={r.verdict} /> },
    {
      title: t('spatial.rules.cols.basis'),
      key: 'basis',
      render: (_, r) => (
        <Typography.Paragraph className="qs-spatial-basis" ellipsis={{ rows: 3, expandable: 'collapsible', symbol: (expanded) => (expanded ? t('spatial.rules.less') : t('spatial.rules.more')) }} data-testid="rule-basis">
          {r.basis}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('spatial.rules.cols.source'),
      key: 'source',
      width: 200,
      render: (_, r) => (
        <div className="qs-spatial-doc">
          <span className="qs-spatial-doc-title">{r.doc ? (titleOf(r.doc) ?? t('spatial.rules.docNumber', { doc: r.doc })) : t('spatial.rules.lawOnly')}</span>
          {r.clause && <div className="qs-muted qs-small">{r.clause}</div>}
        </div>
      ),
    },
  ];
  if (draft) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 84,
      fixed: 'right',
      render: (_, r) => (
        <Space size={2}>
          <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(r)} data-testid="rule-edit" />
          <Popconfirm title={t('spatial.rules.deleteConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => setDraft((d) => d!.filter((x) => x.key !== r.key))}>
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('spatial.rules.delete')} data-testid="rule-delete" />
          </Popconfirm>
        </Space>
      ),
    });
  }

  const saveRow = (input: RuleInput) => {
    if (editing === 'new') {
      setDraft((d) => [{ ...input, key: `n${nextKey}`, change: 'added' }, ...(d ?? [])]);
      setNextKey((k) => k + 1);
    } else if (editing) {
      const key = editing.key;
      setDraft((d) => d!.map((x) => (x.key === key ? { ...input, key, change: x.change === 'added' ? 'added' : 'edited' } : x)));
    }
    setEditing(null);
  };

  const save = async (note: string): Promise<FormProblem | null> => {
    setSaving(true);
    try {
      const saved = await api.put<RulesAnswer>('/api/spatial/rules', { note, rules: draft!.map(inputOf) });
      setDraft(null);
      rules.reload();
      setVersionsKey((k) => k + 1);
      void message.success(t('spatial.rules.saved', { version: saved.ruleSet?.version ?? '' }));
      return null;
    } catch (e) {
      const { title, detail } = describeError(e, t('errors.unexpected'));
      return { title, ...(detail ? { detail } : {}), extra: [] };
    } finally {
      setSaving(false);
    }
  };

  const [savePrompt, setSavePrompt] = useState(false);

  return (
    <div className="qs-page" data-testid="spatial-rules-page">
      <SpatialHeader
        current="rules"
        extra={
          <Button icon={<HistoryOutlined />} onClick={() => setVersionsOpen(true)} data-testid="rule-versions-open">
            {t('spatial.rules.versions.title')}
          </Button>
        }
      />
      <Card className="qs-card qs-spatial-ruleset" size="small">
        {ruleSet ? (
          <Descriptions size="small" column={{ xs: 1, md: 4 }} data-testid="rule-set" data-version={ruleSet.version}>
            <Descriptions.Item label={t('spatial.rules.set.version')}>
              <Typography.Text strong data-testid="rule-set-version">
                {t('spatial.rules.set.versionText', { version: ruleSet.version })}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('spatial.rules.set.count')}>{rules.data?.items.length ?? 0}</Descriptions.Item>
            <Descriptions.Item label={t('spatial.rules.set.created')}>
              {formatDateTime(ruleSet.createdAt)} · {ruleSet.createdBy?.name ?? t('spatial.layers.system')}
            </Descriptions.Item>
            <Descriptions.Item label={t('spatial.rules.set.note')}>
              <span data-testid="rule-set-note">{ruleSet.note ?? '—'}</span>
            </Descriptions.Item>
          </Descriptions>
        ) : (
          !rules.loading && <Typography.Text type="secondary">{t('spatial.rules.set.none')}</Typography.Text>
        )}
        <Alert type="info" showIcon className="qs-spatial-report-block" title={t('spatial.rules.versioning')} data-testid="rule-versioning" />
      </Card>
      <Card className="qs-card" size="small">
        <div className="qs-toolbar">
          <Select
            value={layerFilter}
            onChange={setLayerFilter}
            style={{ width: 220 }}
            showSearch={{ optionFilterProp: 'label' }}
            options={[{ value: ALL, label: t('spatial.rules.filter.allLayers') }, ...(layers.data ?? []).map((l) => ({ value: l.code, label: localName(l, i18n.language) }))]}
            data-testid="rule-filter-layer"
          />
          <Select
            value={categoryFilter}
            onChange={setCategoryFilter}
            style={{ width: 220 }}
            showSearch={{ optionFilterProp: 'label' }}
            options={[
              { value: ALL, label: t('spatial.rules.filter.allCategories') },
              { value: ANY_CATEGORY, label: t('spatial.rules.filter.anyCategory') },
              ...(categories.data ?? []).map((c) => ({ value: c.code, label: localName(c, i18n.language) })),
            ]}
            data-testid="rule-filter-category"
          />
          <Typography.Text type="secondary" className="qs-small" data-testid="rule-count">
            {t('spatial.rules.shown', { shown: shown.length, total: rows.length })}
          </Typography.Text>
          <div className="qs-toolbar-spacer" />
          {manage && !draft && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setDraft((rules.data?.items ?? []).map(rowOf))} disabled={!rules.data} data-testid="rules-edit-start">
              {t('spatial.rules.editStart')}
            </Button>
          )}
          {draft && (
            <>
              <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="rule-add">
                {t('spatial.rules.add')}
              </Button>
              <Button icon={<UndoOutlined />} onClick={() => setDraft(null)} data-testid="rules-edit-cancel">
                {t('spatial.rules.discard')}
              </Button>
              <Button type="primary" icon={<SaveOutlined />} onClick={() => setSavePrompt(true)} disabled={changes === 0} data-testid="rules-save">
                {t('spatial.rules.saveAsVersion')}
              </Button>
            </>
          )}
          <RefreshButton onClick={rules.reload} />
        </div>
        {draft && (
          <Alert type="warning" showIcon className="qs-spatial-report-block" title={t('spatial.rules.editing', { count: changes })} style={{ marginBottom: 12 }} data-testid="rules-editing" />
        )}
        {rules.error && !rules.loading ? (
          <ErrorState error={rules.error} onRetry={rules.reload} />
        ) : (
          <Table<RuleRow>
            rowKey="key"
            size="middle"
            loading={rules.loading}
            dataSource={shown}
            columns={columns}
            scroll={{ x: draft ? 1180 : 1100 }}
            pagination={{ defaultPageSize: 20, showSizeChanger: true, pageSizeOptions: [20, 50, 100], showTotal: (total) => t('common.totalItems', { count: total }) }}
            locale={{ emptyText: <EmptyState description={t('spatial.rules.empty')} /> }}
            onRow={(r) => ({ 'data-testid': 'rule-row', 'data-layer': r.layer, 'data-verdict': r.verdict }) as HTMLAttributes<HTMLElement>}
            data-testid="rule-table"
          />
        )}
      </Card>
      {editing && (
        <RuleEditModal
          rule={editing === 'new' ? null : editing}
          layers={layers.data ?? []}
          categories={categories.data ?? []}
          documents={documents}
          onSave={saveRow}
          onClose={() => setEditing(null)}
        />
      )}
      {savePrompt && <SaveModal saving={saving} nextVersion={(ruleSet?.version ?? 0) + 1} onSave={save} onClose={() => setSavePrompt(false)} />}
      {versionsOpen && <RuleVersionsDrawer reloadKey={versionsKey} current={ruleSet?.version ?? null} onClose={() => setVersionsOpen(false)} />}
    </div>
  );
}

function SaveModal({ saving, nextVersion, onSave, onClose }: { saving: boolean; nextVersion: number; onSave: (note: string) => Promise<FormProblem | null>; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string }>();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  return (
    <Modal
      open
      title={t('spatial.rules.saveTitle', { version: nextVersion })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('spatial.rules.saveAsVersion')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'rules-save-confirm' } as { [k: `data-${string}`]: string }}
      destroyOnHidden
    >
      <div data-testid="rules-save-modal">
        <Typography.Paragraph type="secondary">{t('spatial.rules.saveHint')}</Typography.Paragraph>
        <ProblemAlert problem={problem} />
        <Form<{ note: string }>
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            const failed = await onSave(v.note.trim());
            if (failed) setProblem(failed);
            else onClose();
          }}
        >
          <Form.Item name="note" label={t('spatial.rules.set.note')} rules={[{ required: true, whitespace: true, message: t('spatial.rules.noteRequired') }]}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('spatial.rules.notePlaceholder')} data-testid="rules-save-note" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

function RuleVersionsDrawer({ reloadKey, current, onClose }: { reloadKey: number; current: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const versions = useAsync(() => api.get<{ items: RuleSetVersion[] }>('/api/spatial/rules/versions').then((r) => r.items), [reloadKey]);
  const columns: TableProps<RuleSetVersion>['columns'] = [
    {
      title: t('spatial.rules.versions.version'),
      key: 'version',
      width: 130,
      render: (_, v) => (
        <Space size={4}>
          {t('spatial.rules.set.versionText', { version: v.version })}
          {v.version === current && <Tag color="green">{t('spatial.layers.versions.current')}</Tag>}
        </Space>
      ),
    },
    { title: t('spatial.rules.set.count'), key: 'count', width: 80, render: (_, v) => v.ruleCount },
    { title: t('spatial.rules.set.note'), key: 'note', render: (_, v) => v.note ?? '—' },
    { title: t('spatial.rules.set.created'), key: 'created', width: 190, render: (_, v) => `${formatDateTime(v.createdAt)} · ${v.createdBy?.name ?? t('spatial.layers.system')}` },
  ];
  return (
    <Drawer open onClose={onClose} size={760} title={t('spatial.rules.versions.title')} destroyOnHidden>
      <div data-testid="rule-versions">
        <Typography.Paragraph type="secondary" className="qs-small">
          {t('spatial.rules.versioning')}
        </Typography.Paragraph>
        {versions.error && !versions.loading ? (
          <ErrorState error={versions.error} onRetry={versions.reload} />
        ) : (
          <Table<RuleSetVersion>
            rowKey="id"
            size="small"
            loading={versions.loading}
            dataSource={versions.data ?? []}
            columns={columns}
            pagination={false}
            onRow={(v) => ({ 'data-testid': 'rule-version-row', 'data-version': v.version }) as HTMLAttributes<HTMLElement>}
          />
        )}
      </div>
    </Drawer>
  );
}
