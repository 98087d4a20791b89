// Frame for the login and change-password pages: brand panel on the left, form on the right.
import { CheckCircleFilled } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { LogoMark } from './Logo.tsx';

function Mountains() {
  return (
    <svg className="qs-auth-mountains" viewBox="0 0 800 260" preserveAspectRatio="none" aria-hidden="true">
      <path d="M0 260 L0 170 L120 90 L210 150 L330 60 L450 160 L560 100 L680 170 L800 120 L800 260 Z" fill="rgba(255,255,255,0.07)" />
      <path d="M0 260 L0 210 L90 160 L200 205 L310 130 L420 200 L540 150 L650 210 L800 170 L800 260 Z" fill="rgba(255,255,255,0.10)" />
      <path d="M0 260 L0 240 L140 205 L260 240 L380 195 L520 238 L640 210 L800 236 L800 260 Z" fill="rgba(255,255,255,0.14)" />
    </svg>
  );
}

export function AuthScreen({ children, footer }: { children: ReactNode; footer?: ReactNode }) {
  const { t } = useTranslation();
  const features = [t('auth.feature1'), t('auth.feature2'), t('auth.feature3')];
  return (
    <div className="qs-auth">
      <aside className="qs-auth-brand">
        <div className="qs-auth-brand-top">
          <LogoMark size={44} />
          <div>
            <div className="qs-auth-brand-name">{t('app.shortName')}</div>
            <div className="qs-auth-brand-en">{t('app.brandLine')}</div>
          </div>
        </div>
        <div className="qs-auth-brand-main">
          <h1 className="qs-auth-title">{t('app.name')}</h1>
          <p className="qs-auth-tagline">{t('app.tagline')}</p>
          <ul className="qs-auth-features">
            {features.map((f) => (
              <li key={f}>
                <CheckCircleFilled /> <span>{f}</span>
              </li>
            ))}
          </ul>
        </div>
        <div className="qs-auth-brand-foot">{t('app.footer')}</div>
        <Mountains />
      </aside>
      <main className="qs-auth-panel">
        <div className="qs-auth-lang">
          <LanguageSwitch size="small" />
        </div>
        <div className="qs-auth-card">{children}</div>
        {footer && <footer className="qs-auth-panel-foot">{footer}</footer>}
      </main>
    </div>
  );
}
