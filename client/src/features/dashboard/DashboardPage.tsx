import { familyOf, PARTNER_FAMILIES } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { Link } from '../../router.tsx'
import { SECTIONS, workspaceUrl } from '../workspaces/sections.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { AllianceView } from './AllianceView.tsx'
import { AttentionList } from './AttentionList.tsx'
import { useDashboard } from './useDashboard.ts'
import './dashboard.css'

/**
 * Tableau de bord (docs/SPEC.md DASH): first what needs the member's attention, then the alliance —
 * objectives' progress, actions by status, indicators over time, partners by family — and the way
 * into each of its parts. Kept live by the workspace's events (DASH8).
 */
export function DashboardPage() {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const dashboard = useDashboard(workspace.id)
  const byFamily = PARTNER_FAMILIES.map((family) => ({
    family,
    partners: workspace.partners.filter((p) => familyOf(p.type) === family),
  }))
  return (
    <div className="page dash">
      <h1 tabIndex={-1}>
        {workspace.name} <span className="page__subtitle">— {t('dashboard.title')}</span>
      </h1>
      <p className="muted">
        {t('dashboard.yourRole', { role: t(`roles.${workspace.role}`) })} · {t('dashboard.partners', { count: workspace.partners.length })} ·{' '}
        {t('dashboard.members', { count: workspace.members.length })}
      </p>
      {dashboard.isError ? (
        <p role="alert">{t('dash.loadError')}</p>
      ) : !dashboard.data ? (
        <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <>
          <AttentionList workspaceId={workspace.id} sections={dashboard.data.attention} />
          <h2 className="dash__heading">{t('dash.allianceTitle')}</h2>
          <AllianceView workspaceId={workspace.id} view={dashboard.data.alliance} />
        </>
      )}
      <section aria-labelledby="families-title" className="card">
        <h2 id="families-title">{t('dashboard.families')}</h2>
        {workspace.partners.length === 0 ? (
          <p className="empty">{t('dashboard.noPartners')}</p>
        ) : (
          <dl className="families">
            {byFamily.map(({ family, partners }) => (
              <div key={family} className={`families__item family--${family}`}>
                <dt>
                  {t(`families.${family}`)} ({partners.length})
                </dt>
                <dd>{partners.map((p) => p.name).join(', ') || t('common.none')}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      <ul className="section-cards">
        {SECTIONS.map((section) => (
          <li key={section.key} className="card section-card">
            <h2>
              <Link to={workspaceUrl(workspace.id, section)}>{t(`nav.${section.key}`)}</Link>
            </h2>
            <p>{t(`docHints.${section.key}`)}</p>
          </li>
        ))}
      </ul>
    </div>
  )
}
