// 包保责任人 and 网格 of one item: who answers for it by name, and the grids it is worked in, with an
// edit form for those the server lets set them (managers, the 牵头单位, or each 责任单位 for its own).
import { ApartmentOutlined, DeleteOutlined, EditOutlined, PhoneOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Col, Form, Input, Modal, Row, Skeleton, Space, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemPeopleDto } from '../../../src/tasks/people/schemas.ts';
import { PHONE_PATTERN } from '../../../src/tasks/people/phone.ts';
import { api, isApiError } from '../api.ts';
import { useCurrentUser } from '../auth.tsx';
import { ProblemAlert, type FormProblem } from '../components/ProblemAlert.tsx';
import { ErrorState } from '../components/States.tsx';
import { GridLevelTag, GridSelect, gridLabel, subtreeOf } from '../grids/controls.tsx';
import { useAsync } from '../hooks.ts';
import { toSelectTree, useOrgTree } from '../orgTree.ts';

type People = ItemPeopleDto;

interface PersonValues {
  name: string;
  post?: string;
  organisationId?: number | null;
  phone?: string;
}

interface PeopleFormValues {
  persons: PersonValues[];
  gridIds: number[];
}

const PHONE = new RegExp(PHONE_PATTERN);

function PeopleModal({ itemId, people, onClose, onSaved }: { itemId: number; people: People; onClose: () => void; onSaved: (people: People) => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [form] = Form.useForm<PeopleFormValues>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const own = people.rights === 'own';
  const tree = useOrgTree();
  // A 责任单位 names people of its own organisation (and those under it) only.
  const orgOptions = useMemo(() => subtreeOf(toSelectTree(tree.data ?? []), own ? user.organisationId : null), [tree.data, own, user.organisationId]);
  const mine = people.persons.filter((p) => p.editable);
  const others = people.persons.filter((p) => !p.editable);
  const otherGrids = people.grids.filter((g) => !g.editable);

  const onFinish = async (values: PeopleFormValues) => {
    setSaving(true);
    setProblem(null);
    const body = {
      persons: (values.persons ?? []).map((p) => ({
        name: p.name.trim(),
        post: p.post?.trim() || null,
        organisationId: p.organisationId ?? null,
        phone: p.phone?.trim() || null,
      })),
      gridIds: values.gridIds ?? [],
    };
    try {
      onSaved(await api.put<People>(`/api/tasks/items/${itemId}/people`, body));
    } catch (e) {
      if (isApiError(e)) {
        setProblem({ title: e.title, ...(e.detail ? { detail: e.detail } : {}), extra: [] });
      } else setProblem({ title: t('errors.unexpected'), extra: [] });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('tasks.people.editTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'people-submit' } as { [k: `data-${string}`]: string }}
      destroyOnHidden
      width={860}
    >
      <div data-testid="people-modal">
        <ProblemAlert problem={problem} />
        {own && <Alert type="info" showIcon className="qs-people-own" title={t('tasks.people.ownHint')} />}
        <Form<PeopleFormValues>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{
            persons: mine.map((p) => ({ name: p.name, post: p.post ?? '', organisationId: p.organisationId, phone: p.phone ?? '' })),
            gridIds: people.grids.filter((g) => g.editable).map((g) => g.id),
          }}
        >
          <Typography.Title level={5} className="qs-subsection-title">
            {t('tasks.people.persons')}
          </Typography.Title>
          {others.length > 0 && (
            <Typography.Paragraph type="secondary" className="qs-small">
              {t('tasks.people.othersKept', { names: others.map((p) => p.name).join(t('tasks.separator')) })}
            </Typography.Paragraph>
          )}
          <Form.List name="persons">
            {(fields, { add, remove }) => (
              <>
                {fields.length > 0 && (
                  <Row gutter={8} className="qs-people-head">
                    <Col span={5}>{t('tasks.people.name')}</Col>
                    <Col span={6}>{t('tasks.people.post')}</Col>
                    <Col span={7}>{t('tasks.people.organisation')}</Col>
                    <Col span={5}>{t('tasks.people.phone')}</Col>
                  </Row>
                )}
                {fields.map((field, index) => (
                  <Row key={field.key} gutter={8} align="top" data-testid="people-row">
                    <Col span={5}>
                      <Form.Item
                        name={[field.name, 'name']}
                        rules={[
                          { required: true, whitespace: true, message: t('tasks.people.nameRequired') },
                          { max: 50, message: t('validation.maxLength', { max: 50 }) },
                        ]}
                      >
                        <Input placeholder={t('tasks.people.namePlaceholder')} aria-label={t('tasks.people.nameOf', { n: index + 1 })} />
                      </Form.Item>
                    </Col>
                    <Col span={6}>
                      <Form.Item name={[field.name, 'post']} rules={[{ max: 50, message: t('validation.maxLength', { max: 50 }) }]}>
                        <Input placeholder={t('tasks.people.postPlaceholder')} aria-label={t('tasks.people.postOf', { n: index + 1 })} />
                      </Form.Item>
                    </Col>
                    <Col span={7}>
                      <Form.Item
                        name={[field.name, 'organisationId']}
                        rules={own ? [{ required: true, message: t('tasks.people.organisationRequired') }] : []}
                      >
                        <TreeSelect
                          treeData={orgOptions}
                          allowClear
                          treeDefaultExpandAll={own}
                          showSearch={{ treeNodeFilterProp: 'title' }}
                          placeholder={t('tasks.people.organisationPlaceholder')}
                          aria-label={t('tasks.people.organisationOf', { n: index + 1 })}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={5}>
                      <Form.Item name={[field.name, 'phone']} rules={[{ pattern: PHONE, message: t('tasks.people.phoneInvalid') }]}>
                        <Input placeholder={t('tasks.people.phonePlaceholder')} aria-label={t('tasks.people.phoneOf', { n: index + 1 })} />
                      </Form.Item>
                    </Col>
                    <Col span={1}>
                      <Tooltip title={t('tasks.people.remove')}>
                        <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('tasks.people.remove')} />
                      </Tooltip>
                    </Col>
                  </Row>
                ))}
                <Button
                  type="dashed"
                  block
                  icon={<PlusOutlined />}
                  onClick={() => add({ name: '', post: '', organisationId: own ? user.organisationId : null, phone: '' })}
                  disabled={fields.length >= 50}
                  data-testid="people-add"
                >
                  {t('tasks.people.add')}
                </Button>
              </>
            )}
          </Form.List>

          <Typography.Title level={5} className="qs-subsection-title">
            {t('tasks.people.grids')}
          </Typography.Title>
          {otherGrids.length > 0 && (
            <Typography.Paragraph type="secondary" className="qs-small">
              {t('tasks.people.otherGridsKept', { names: otherGrids.map(gridLabel).join(t('tasks.separator')) })}
            </Typography.Paragraph>
          )}
          <Form.Item name="gridIds" extra={t('tasks.people.gridsHint')}>
            <GridSelect
              multiple
              placeholder={t('tasks.people.gridsPlaceholder')}
              organisationId={own ? user.organisationId : null}
              known={people.grids.map((g) => ({ value: g.id, label: gridLabel(g) }))}
              testId="people-grids"
            />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

export function ItemPeople({ itemId }: { itemId: number }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const people = useAsync(() => api.get<People>(`/api/tasks/items/${itemId}/people`), [itemId]);
  const [editing, setEditing] = useState(false);
  const data = people.data;

  return (
    <Card
      className="qs-card qs-task-section"
      data-testid="item-people"
      title={
        <span>
          <span className="qs-card-title-icon">
            <TeamOutlined />
          </span>
          {t('tasks.people.title')}
        </span>
      }
      extra={
        data?.rights ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="people-edit">
            {t('common.edit')}
          </Button>
        ) : undefined
      }
    >
      {people.loading && !data ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : people.error || !data ? (
        <ErrorState error={people.error} onRetry={people.reload} />
      ) : (
        <>
          <Typography.Text type="secondary" className="qs-people-label">
            {t('tasks.people.persons')}
          </Typography.Text>
          {data.persons.length === 0 ? (
            <Typography.Paragraph type="secondary" className="qs-people-empty">
              {t('tasks.people.noPersons')}
            </Typography.Paragraph>
          ) : (
            <ul className="qs-people-list" data-testid="people-persons">
              {data.persons.map((p) => (
                <li key={p.id}>
                  <div className="qs-people-name">
                    <Typography.Text strong>{p.name}</Typography.Text>
                    {p.post && <Typography.Text type="secondary">{p.post}</Typography.Text>}
                  </div>
                  <Space size={6} wrap className="qs-people-meta">
                    {p.organisationName && (
                      <Tag icon={<ApartmentOutlined />} variant="filled">
                        {p.organisationName}
                      </Tag>
                    )}
                    {p.phone && (
                      <Typography.Text className="qs-people-phone">
                        <PhoneOutlined /> <a href={`tel:${p.phone}`}>{p.phone}</a>
                      </Typography.Text>
                    )}
                  </Space>
                </li>
              ))}
            </ul>
          )}
          {!data.phoneVisible && data.persons.length > 0 && (
            <Typography.Paragraph type="secondary" className="qs-small">
              {t('tasks.people.phoneHidden')}
            </Typography.Paragraph>
          )}
          <Typography.Text type="secondary" className="qs-people-label">
            {t('tasks.people.grids')}
          </Typography.Text>
          {data.grids.length === 0 ? (
            <Typography.Paragraph type="secondary" className="qs-people-empty">
              {t('tasks.people.noGrids')}
            </Typography.Paragraph>
          ) : (
            <ul className="qs-people-list" data-testid="people-grids-list">
              {data.grids.map((g) => (
                <li key={g.id}>
                  <div className="qs-people-name">
                    <Typography.Text strong>{g.name}</Typography.Text>
                    <Typography.Text type="secondary" code>
                      {g.code}
                    </Typography.Text>
                  </div>
                  <Space size={6} wrap className="qs-people-meta">
                    <GridLevelTag level={g.level} />
                    <Tag variant="filled">{g.organisationName}</Tag>
                    {!g.active && <Tag>{t('common.inactive')}</Tag>}
                  </Space>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {editing && data && (
        <PeopleModal
          itemId={itemId}
          people={data}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            void message.success(t('tasks.people.saved'));
            people.reload();
          }}
        />
      )}
    </Card>
  );
}
