import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App as AntApp, Avatar, Breadcrumb, Button, Dropdown, Layout, Menu, Space, Tag, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth, useCurrentUser } from '../auth.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { LogoMark } from '../components/Logo.tsx';
import { MODULES, SYSTEM_ICON, SYSTEM_MODULES } from '../modules.tsx';

const { Sider, Header, Content, Footer } = Layout;

export function AppLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { logout, can } = useAuth();
  const { message } = AntApp.useApp();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const [loggingOut, setLoggingOut] = useState(false);

  const systemItems = SYSTEM_MODULES.filter((m) => !m.capability || can(m.capability));

  const menuItems: MenuProps['items'] = useMemo(() => {
    const items: NonNullable<MenuProps['items']> = MODULES.filter((m) => !m.capability || can(m.capability)).map((m) => ({
      key: m.path,
      icon: m.icon,
      label: t(`modules.${m.key}.name`),
    }));
    if (systemItems.length > 0) {
      items.push({
        key: 'system',
        icon: SYSTEM_ICON,
        label: t('modules.system.name'),
        children: systemItems.map((m) => ({ key: m.path, icon: m.icon, label: t(`modules.${m.key}.name`) })),
      });
    }
    return items;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, user.role, systemItems.length, can]);

  const all = [...MODULES, ...SYSTEM_MODULES];
  const current = all.find((m) => location.pathname === m.path || location.pathname.startsWith(`${m.path}/`));
  const inSystem = !!current && SYSTEM_MODULES.includes(current);
  const [openKeys, setOpenKeys] = useState<string[]>(inSystem ? ['system'] : []);

  // Pages inside a module (the task board's inbox, timeline and item pages) add a crumb of their own.
  const targetsPage =
    current?.key === 'targets'
      ? location.pathname.startsWith('/targets/indicators/')
        ? t('targets.indicator.crumb')
        : location.pathname.startsWith('/targets/indicators')
          ? t('targets.indicators.title')
          : t('targets.scorecard.title')
      : null;
  const subPage =
    targetsPage ??
    (current?.key === 'tasks'
      ? location.pathname.startsWith('/tasks/inbox')
        ? t('tasks.inbox.title')
        : location.pathname.startsWith('/tasks/timeline')
          ? t('tasks.timeline.title')
          : location.pathname.startsWith('/tasks/items/')
            ? t('tasks.item.crumb')
            : t('tasks.board.title')
      : null);
  const breadcrumb = [
    { title: t('app.shortName') },
    ...(inSystem ? [{ title: t('modules.system.name') }] : []),
    ...(current
      ? [{ title: subPage && location.pathname !== current.path ? <Link to={current.path}>{t(`modules.${current.key}.name`)}</Link> : t(`modules.${current.key}.name`) }]
      : []),
    ...(subPage ? [{ title: subPage }] : []),
  ];

  const onLogout = async () => {
    setLoggingOut(true);
    try {
      await logout();
    } catch {
      // the local session is cleared anyway
    } finally {
      setLoggingOut(false);
      void message.success(t('auth.loggedOut'));
      void navigate('/login', { replace: true });
    }
  };

  const userMenu: MenuProps = {
    items: [
      { key: 'password', icon: <KeyOutlined />, label: t('auth.changePassword') },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout'), danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'password') void navigate('/change-password');
      if (key === 'logout') void onLogout();
    },
  };

  return (
    <Layout className="qs-shell">
      <Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={232}
        breakpoint="lg"
        className="qs-sider"
      >
        <div className="qs-brand" onClick={() => void navigate('/dashboard')} role="link" tabIndex={0}>
          <LogoMark size={34} />
          {!collapsed && (
            <div className="qs-brand-text">
              <div className="qs-brand-name">{t('app.shortName')}</div>
              <div className="qs-brand-sub">{t('app.subtitle')}</div>
            </div>
          )}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          items={menuItems}
          selectedKeys={current ? [current.path] : []}
          openKeys={collapsed ? undefined : inSystem && !openKeys.includes('system') ? [...openKeys, 'system'] : openKeys}
          onOpenChange={(keys) => setOpenKeys(keys as string[])}
          onClick={({ key }) => {
            if (key.startsWith('/')) void navigate(key);
          }}
          data-testid="main-menu"
        />
      </Sider>
      <Layout>
        <Header className="qs-header">
          <Breadcrumb items={breadcrumb} />
          <Space size={16} align="center" className="qs-header-right">
            <LanguageSwitch size="small" />
            <Dropdown menu={userMenu} placement="bottomRight" trigger={['click']}>
              <Space size={8} className="qs-user" data-testid="user-menu">
                <Avatar size={30} icon={<UserOutlined />} className="qs-avatar" />
                <span className="qs-user-name" data-testid="header-user-name">
                  {user.displayName}
                </span>
                <Tag color="green" variant="filled" className="qs-role-tag" data-testid="header-user-role">
                  {t(`roles.${user.role}`, { defaultValue: user.role })}
                </Tag>
              </Space>
            </Dropdown>
            <Tooltip title={t('auth.logoutTooltip')}>
              <Button icon={<LogoutOutlined />} onClick={() => void onLogout()} loading={loggingOut} data-testid="logout">
                {t('auth.logout')}
              </Button>
            </Tooltip>
          </Space>
        </Header>
        <Content className="qs-content">
          <Outlet />
        </Content>
        <Footer className="qs-footer">
          <Typography.Text type="secondary">{t('app.footer')}</Typography.Text>
        </Footer>
      </Layout>
    </Layout>
  );
}
