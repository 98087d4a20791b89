// Visual theme: a deep teal-green primary colour ("Qingshan" means "green mountains").
import type { ThemeConfig } from 'antd';

export const BRAND = {
  primary: '#0e7c66',
  primaryDark: '#0a5b4b',
  siderBg: '#0c2f2a',
  siderItemSelected: '#0e7c66',
  pageBg: '#f3f6f5',
};

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND.primary,
    colorInfo: BRAND.primary,
    colorInfoBg: '#eaf6f2',
    colorInfoBorder: '#a9d9c9',
    colorLink: BRAND.primary,
    colorSuccess: '#2f9e44',
    colorSuccessBg: '#eef8ef',
    colorSuccessBorder: '#b5dfbd',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: {
      siderBg: BRAND.siderBg,
      triggerBg: '#092521',
      headerBg: '#ffffff',
      headerHeight: 56,
      headerPadding: '0 20px',
      bodyBg: BRAND.pageBg,
    },
    Menu: {
      darkItemBg: BRAND.siderBg,
      darkSubMenuItemBg: '#09241f',
      darkPopupBg: BRAND.siderBg,
      darkItemSelectedBg: BRAND.siderItemSelected,
      darkItemColor: 'rgba(255,255,255,0.78)',
      itemHeight: 44,
    },
    Table: {
      headerBg: '#f4f8f7',
    },
    Tree: {
      nodeSelectedBg: '#d3eee5',
      nodeHoverBg: '#eef7f4',
    },
    Card: {
      headerFontSize: 15,
    },
  },
};

/**
 * The theme, without motion for a person who asked their system for less of it (WCAG 2.3.3):
 * antd then opens dialogs, menus and drop-downs at once instead of zooming and sliding them in.
 */
export function themeFor({ reducedMotion }: { reducedMotion: boolean }): ThemeConfig {
  return reducedMotion ? { ...theme, token: { ...theme.token, motion: false } } : theme;
}

/** What every chart of the platform starts from: the UI's font, and no animation when motion is reduced. */
export function chartBase({ reducedMotion }: { reducedMotion: boolean }) {
  return { textStyle: { fontFamily: theme.token?.fontFamily }, animation: !reducedMotion };
}
