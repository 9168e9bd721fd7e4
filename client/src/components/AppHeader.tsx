import { useTranslation } from 'react-i18next'
import { useSession } from '../features/auth/SessionContext.tsx'
import { Link, navigate, usePath } from '../router.tsx'
import { LanguageSwitch } from './LanguageSwitch.tsx'
import './AppHeader.css'

export function AppHeader() {
  const { t } = useTranslation()
  const { session, signOut } = useSession()
  const path = usePath()
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Link to={session.status === 'signedIn' ? '/alliances' : '/connexion'} className="brand">
        <span className="brand__mark" aria-hidden="true" />
        <span className="brand__name">{t('app.name')}</span>
        <span className="brand__tagline">{t('app.tagline')}</span>
      </Link>
      <div className="app-header__tools">
        {session.status === 'signedIn' && (
          <Link to="/alliances" className="app-header__link">
            {t('header.alliances')}
          </Link>
        )}
        <LanguageSwitch />
        {session.status === 'signedIn' && (
          <fieldset className="account" aria-label={t('header.accountMenu')}>
            <span className="account__name" data-testid="signed-in-user">
              {t('header.signedInAs', { name: session.me.name })}
            </span>
            <Link to="/compte" className="app-header__link" current={path === '/compte'}>
              {t('account.link')}
            </Link>
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                void signOut().then(() => navigate('/connexion', { replace: true }))
              }}
            >
              {t('header.signOut')}
            </button>
          </fieldset>
        )}
      </div>
    </header>
  )
}
