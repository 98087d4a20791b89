// Formatting helpers that follow the current language.
import i18n from './i18n/index.ts';

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(d);
}

export function roleLabel(role: string): string {
  return i18n.t(`roles.${role}`, { defaultValue: role });
}

export function kindLabel(kind: string): string {
  return i18n.t(`orgKinds.${kind}`, { defaultValue: kind });
}

export const ROLE_COLORS: Record<string, string> = {
  admin: 'red',
  coordinator: 'volcano',
  unit_user: 'green',
  district_user: 'cyan',
  grid_inspector: 'blue',
  leader: 'purple',
  enterprise_user: 'gold',
};

export const KIND_COLORS: Record<string, string> = {
  city: 'geekblue',
  district: 'cyan',
  unit: 'green',
};
