import { type ReactNode, Suspense, useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { AppHeader } from './components/AppHeader.tsx'
import { useSession } from './features/auth/SessionContext.tsx'
import { SignInPage } from './features/auth/SignInPage.tsx'
import { SignUpPage } from './features/auth/SignUpPage.tsx'
import { ActionPlanPage } from './features/action-plan/ActionPlanPage.tsx'
import { GovernancePage } from './features/governance/GovernancePage.tsx'
import { MembersPage } from './features/members/MembersPage.tsx'
import { OutboxPage } from './features/outbox/OutboxPage.tsx'
import { ReportsPage } from './features/reports/ReportsPage.tsx'
import { INBOX_SLUG } from './features/comments/InboxNavLink.tsx'
import { InboxPage } from './features/comments/InboxPage.tsx'
import { InvitationPage } from './features/invitations/InvitationPage.tsx'
import { AccountPage } from './features/account/AccountPage.tsx'
import { ForgotPasswordPage } from './features/password-reset/ForgotPasswordPage.tsx'
import { NewPasswordPage } from './features/password-reset/NewPasswordPage.tsx'
import { DashboardPage } from './features/dashboard/DashboardPage.tsx'
import { type Section, sectionBySlug } from './features/workspaces/sections.ts'
import { WorkspaceProvider } from './features/workspaces/WorkspaceContext.tsx'
import { WorkspaceLayout } from './features/workspaces/WorkspaceLayout.tsx'
import { WorkspaceListPage } from './features/workspaces/WorkspaceListPage.tsx'
import { DocumentPage } from './features/documents/DocumentPage.tsx'
import { actorsPage, balancePage, diagnosticPage, meetingsPage, objectivesPage } from './pages.ts'
import { Link, matchPath, navigate, usePath } from './router.tsx'

const MeetingsPage = meetingsPage.Page
const ObjectivesPage = objectivesPage.Page
const BalancePage = balancePage.Page
const DiagnosticPage = diagnosticPage.Page
const ActorsPage = actorsPage.Page

const PUBLIC_PATHS = ['/', '/connexion', '/inscription']

export function App() {
  const path = usePath()
  const { session } = useSession()
  useFocusOnNavigate(path)

  useEffect(() => {
    if (session.status === 'signedIn' && PUBLIC_PATHS.includes(path)) navigate('/alliances', { replace: true })
    if (session.status === 'signedOut' && path === '/') navigate('/connexion', { replace: true })
  }, [session.status, path])

  return (
    <div className="app">
      <AppHeader />
      <Routes path={path} />
    </div>
  )
}

function Routes({ path }: { path: string }) {
  const { t } = useTranslation()
  const { session } = useSession()

  // An invitation link works signed in or out (the page signs in or up with the invited address).
  const invitation = matchPath('/invitation/:token', path)
  if (invitation?.token) {
    return (
      <Main title={t('invitation.titleLoading')}>
        <InvitationPage token={invitation.token} />
      </Main>
    )
  }
  // A reset link works signed in or out too (ACCT21): it ends every session of its account.
  const reset = matchPath('/nouveau-mot-de-passe/:token', path)
  if (reset?.token) {
    return (
      <Main title={t('passwordReset.newTitle')}>
        <NewPasswordPage token={reset.token} />
      </Main>
    )
  }
  if (path === '/mot-de-passe-oublie') {
    return (
      <Main title={t('passwordReset.forgotTitle')}>
        <ForgotPasswordPage />
      </Main>
    )
  }
  if (session.status === 'loading') return <Main title={t('app.name')}>{<p aria-busy="true">{t('app.loading')}</p>}</Main>
  if (session.status === 'signedOut') {
    return <Main title={t('auth.signInTitle')}>{path === '/inscription' ? <SignUpPage /> : <SignInPage />}</Main>
  }
  if (path === '/compte')
    return (
      <Main title={t('account.title')}>
        <AccountPage />
      </Main>
    )
  if (path === '/dev/outbox')
    return (
      <Main title={t('outbox.title')}>
        <OutboxPage />
      </Main>
    )
  if (PUBLIC_PATHS.includes(path) || path === '/alliances')
    return (
      <Main title={t('workspaces.title')}>
        <WorkspaceListPage />
      </Main>
    )

  const inWorkspace = matchPath('/alliances/:id', path) ?? matchPath('/alliances/:id/:slug', path)
  if (inWorkspace?.id) {
    const inbox = inWorkspace.slug === INBOX_SLUG
    const section = inWorkspace.slug && !inbox ? sectionBySlug(inWorkspace.slug) : null
    if (section === undefined) return <NotFound />
    return (
      <WorkspaceProvider
        key={inWorkspace.id}
        workspaceId={inWorkspace.id}
        fallback={({ error, retry }) => (
          <Main title={t('app.name')}>
            {error ? (
              <div className="page">
                <p className="notice notice--error" role="alert">
                  {error}
                </p>
                <button type="button" className="button" onClick={retry}>
                  {t('app.retry')}
                </button>{' '}
                <Link to="/alliances">{t('app.backHome')}</Link>
              </div>
            ) : (
              <p aria-busy="true">{t('app.loading')}</p>
            )}
          </Main>
        )}
      >
        <WorkspaceLayout section={section} page={inbox ? 'inbox' : undefined}>
          {inbox ? <InboxPage /> : <SectionPage section={section} />}
        </WorkspaceLayout>
      </WorkspaceProvider>
    )
  }
  return <NotFound />
}

function SectionPage({ section }: { section: Section | null }) {
  if (!section) return <DashboardPage />
  if (section.doc) return <DocumentPage key={section.doc} docName={section.doc} sectionKey={section.key} />
  if (section.key === 'plan') return <ActionPlanPage />
  if (section.key === 'governance') return <GovernancePage />
  if (section.key === 'reports') return <ReportsPage />
  if (section.key === 'objectives') {
    return (
      <Suspense fallback={<Loading />}>
        <ObjectivesPage />
      </Suspense>
    )
  }
  if (section.key === 'diagnostic') {
    return (
      <Suspense fallback={<Loading />}>
        <DiagnosticPage />
      </Suspense>
    )
  }
  if (section.key === 'balance') {
    return (
      <Suspense fallback={<Loading />}>
        <BalancePage />
      </Suspense>
    )
  }
  if (section.key === 'actors') {
    return (
      <Suspense fallback={<Loading />}>
        <ActorsPage />
      </Suspense>
    )
  }
  if (section.key === 'meetings') {
    return (
      <Suspense fallback={<Loading />}>
        <MeetingsPage />
      </Suspense>
    )
  }
  return <MembersPage />
}

function Main({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation()
  useEffect(() => {
    document.title = title === t('app.name') ? title : `${title} — ${t('app.name')}`
  }, [title, t])
  return (
    <main id="main" tabIndex={-1} className="main">
      {children}
    </main>
  )
}

function Loading() {
  const { t } = useTranslation()
  return <p aria-busy="true">{t('app.loading')}</p>
}

function NotFound() {
  const { t } = useTranslation()
  return (
    <Main title={t('app.notFound')}>
      <div className="page page--narrow">
        <h1 tabIndex={-1}>{t('app.notFound')}</h1>
        <Link to="/alliances">{t('app.backHome')}</Link>
      </div>
    </Main>
  )
}

/**
 * After an in-app navigation, move focus to the new page's heading so screen readers announce it.
 * Pages inside an alliance render their heading once it has loaded: wait for it (briefly).
 */
function useFocusOnNavigate(path: string): void {
  // The page first shown keeps the browser's focus; only a change of path moves it.
  const shown = useRef(path)
  useEffect(() => {
    if (shown.current === path) return
    shown.current = path
    const focusHeading = (): boolean => {
      const heading = document.querySelector<HTMLElement>('main h1')
      heading?.focus()
      return heading !== null
    }
    if (focusHeading()) return
    const observer = new MutationObserver(() => {
      if (focusHeading()) observer.disconnect()
    })
    observer.observe(document.body, { childList: true, subtree: true })
    const timer = window.setTimeout(() => {
      observer.disconnect()
      document.querySelector<HTMLElement>('main')?.focus()
    }, 3000)
    return () => {
      observer.disconnect()
      window.clearTimeout(timer)
    }
  }, [path])
}
