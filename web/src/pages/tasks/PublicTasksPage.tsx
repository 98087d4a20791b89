// 整改公开: the rectification items the documents ask to disclose, with their state and colour,
// for anyone, without logging in.
import { LoginOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Skeleton, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { LogoMark } from '../../components/Logo.tsx';
import { EmptyState, ErrorState } from '../../components/States.tsx';
import { useAsync } from '../../hooks.ts';
import { ColourDot, ColourLabel, colourLabel, stateLabel, StateTag } from '../../tasks/labels.tsx';
import { COLOURS, TASK_STATES, type PublicTask } from '../../tasks/types.ts';

interface Row extends PublicTask {
  children?: Row[];
}

/** Measures under their item, and sub-measures under their measure. */
function nest(items: PublicTask[]): Row[] {
  const rows = new Map<number, Row>(items.map((it) => [it.id, { ...it }]));
  const top: Row[] = [];
  for (const row of [...rows.values()].sort((a, b) => a.id - b.id)) {
    const parent = row.parentId === null ? undefined : rows.get(row.parentId);
    if (parent) (parent.children ??= []).push(row);
    else top.push(row);
  }
  return top;
}

export function PublicTasksPage() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useAsync(() => api.get<PublicTask[]>('/api/public/tasks', undefined, { skipAuthRedirect: true }), []);
  const [q, setQ] = useState('');
  const [state, setState] = useState<string | undefined>();
  const [colour, setColour] = useState<string | undefined>();

  const groups = useMemo(() => {
    const query = q.trim();
    const filtering = !!(query || state || colour);
    const match = (it: PublicTask) =>
      (!query || it.title.includes(query) || it.ref === query) && (!state || it.state === state) && (!colour || it.colour === colour);
    // A row stays when it matches or one of its rows below does; a text match keeps all its measures.
    const prune = (rows: Row[]): Row[] => {
      const out: Row[] = [];
      for (const r of rows) {
        const kids = r.children ? prune(r.children) : [];
        const own = match(r);
        const children = own && !state && !colour ? r.children : kids.length ? kids : undefined;
        if (own || kids.length) out.push(children ? { ...r, children } : { ...r, children: undefined });
      }
      return out;
    };
    const byList = new Map<string, PublicTask[]>();
    for (const it of data ?? []) byList.set(it.listTitle, [...(byList.get(it.listTitle) ?? []), it]);
    return [...byList.entries()]
      .map(([title, items]) => {
        const rows = nest(items);
        return { title, items: items.length, rows: filtering ? prune(rows) : rows };
      })
      .filter((g) => g.rows.length > 0);
  }, [data, q, state, colour]);

  const counts = useMemo(() => {
    const all = data ?? [];
    return Object.fromEntries(COLOURS.map((c) => [c, all.filter((it) => it.colour === c).length])) as Record<string, number>;
  }, [data]);

  const columns: TableProps<Row>['columns'] = [
    {
      title: t('tasks.fields.ref'),
      key: 'ref',
      width: 130,
      render: (_, r) => <span className={r.parentRef ? 'qs-ref-text qs-ref-measure' : 'qs-ref-text'}>{r.parentRef ? `${r.parentRef} › ${r.ref}` : r.ref}</span>,
    },
    { title: t('tasks.fields.title'), dataIndex: 'title' },
    { title: t('tasks.fields.deadline'), dataIndex: 'deadlineText', width: 160, render: (v: string | null) => v ?? '—' },
    { title: t('tasks.fields.state'), dataIndex: 'state', width: 110, render: (s: string) => <StateTag state={s} /> },
    { title: t('tasks.fields.colour'), dataIndex: 'colour', width: 100, render: (c: string) => <ColourLabel colour={c} /> },
  ];

  return (
    <div className="qs-public">
      <header className="qs-public-header">
        <Link to="/public/tasks" className="qs-public-brand">
          <LogoMark size={34} />
          <div>
            <div className="qs-public-brand-name">{t('app.shortName')}</div>
            <div className="qs-public-brand-sub">{t('app.subtitle')}</div>
          </div>
        </Link>
        <Space size={12}>
          <LanguageSwitch size="small" />
          <Link to="/login">
            <Button icon={<LoginOutlined />}>{t('tasks.public.login')}</Button>
          </Link>
        </Space>
      </header>
      <main className="qs-public-main" data-testid="public-tasks">
        <div className="qs-public-intro">
          <Typography.Title level={3} style={{ marginBottom: 8 }}>
            {t('tasks.public.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('tasks.public.intro')}
          </Typography.Paragraph>
          {data && (
            <div className="qs-public-counts">
              <span>{t('tasks.public.total', { count: data.length })}</span>
              {COLOURS.map((c) => (
                <span key={c} className={`qs-colour qs-colour-${c}`}>
                  <ColourDot colour={c} />
                  {colourLabel(t, c)} <strong>{counts[c]}</strong>
                </span>
              ))}
            </div>
          )}
        </div>

        <Card className="qs-card" style={{ marginBottom: 16 }}>
          <div className="qs-toolbar" style={{ marginBottom: 0 }}>
            <Input.Search allowClear placeholder={t('tasks.public.search')} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 260 }} />
            <Select
              allowClear
              placeholder={t('tasks.board.filterState')}
              options={TASK_STATES.map((s) => ({ value: s, label: stateLabel(t, s) }))}
              value={state}
              onChange={(v?: string) => setState(v)}
              style={{ width: 140 }}
            />
            <Select
              allowClear
              placeholder={t('tasks.board.filterColour')}
              options={COLOURS.map((c) => ({ value: c, label: colourLabel(t, c) }))}
              value={colour}
              onChange={(v?: string) => setColour(v)}
              style={{ width: 120 }}
            />
          </div>
        </Card>

        {loading && !data ? (
          <Card className="qs-card">
            <Skeleton active paragraph={{ rows: 8 }} />
          </Card>
        ) : error ? (
          <ErrorState error={error} onRetry={reload} />
        ) : groups.length === 0 ? (
          <Card className="qs-card">
            <EmptyState description={t('tasks.public.empty')} />
          </Card>
        ) : (
          groups.map((g) => (
            <Card
              key={g.title}
              className="qs-card qs-public-group"
              title={g.title}
              extra={<Typography.Text type="secondary">{t(q.trim() || state || colour ? 'tasks.public.groupFiltered' : 'tasks.public.groupCount', { items: g.rows.length, all: g.items })}</Typography.Text>}
              data-testid="public-group"
            >
              <Table<Row>
                size="middle"
                rowKey="id"
                columns={columns}
                dataSource={g.rows}
                pagination={false}
                expandable={{ defaultExpandAllRows: !!(q || state || colour), indentSize: 20 }}
                key={`${q}|${state ?? ''}|${colour ?? ''}`}
                data-testid="public-table"
              />
            </Card>
          ))
        )}
        <div className="qs-public-foot">{t('app.footer')}</div>
      </main>
    </div>
  );
}
