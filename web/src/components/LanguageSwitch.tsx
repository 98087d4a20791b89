import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLocale, setLocale, type Locale } from '../i18n/index.ts';

export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' | 'large' }) {
  const { t, i18n } = useTranslation();
  const value: Locale = i18n.language === 'en' ? 'en' : currentLocale();
  return (
    <Segmented<Locale>
      size={size}
      aria-label={t('language.switch')}
      data-testid="language-switch"
      value={value}
      onChange={(v) => void setLocale(v)}
      options={[
        { label: t('language.zh'), value: 'zh-CN' },
        { label: t('language.en'), value: 'en' },
      ]}
    />
  );
}
