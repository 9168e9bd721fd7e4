import { useTranslation } from 'react-i18next'
import { Link } from '../../router.tsx'
import { InboxNavLink } from '../comments/InboxNavLink.tsx'
import { type Section, SECTIONS, workspaceUrl } from './sections.ts'
import { useWorkspace } from './WorkspaceContext.tsx'

/** The alliance's sections, grouped as the method groups them: the documents, then the steering. */
export function WorkspaceNav({ current, page }: { current: Section | null; page?: 'inbox' }) {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const group = (name: Section['group']) => SECTIONS.filter((s) => s.group === name)
  return (
    <nav className="workspace-nav" aria-label={t('nav.section')}>
      <p className="workspace-nav__name">{workspace.name}</p>
      <p className="workspace-nav__role">{t(`roles.${workspace.role}`)}</p>
      <ul>
        <li>
          <Link to={workspaceUrl(workspace.id)} current={current === null && !page}>
            {t('nav.dashboard')}
          </Link>
        </li>
        <li>
          <InboxNavLink workspaceId={workspace.id} current={page === 'inbox'} />
        </li>
      </ul>
      {(['documents', 'steering'] as const).map((name) => (
        <div key={name} className="workspace-nav__group">
          <h2 id={`nav-${name}`}>{t(`nav.${name}`)}</h2>
          <ul aria-labelledby={`nav-${name}`}>
            {group(name).map((section) => (
              <li key={section.key}>
                <Link to={workspaceUrl(workspace.id, section)} current={current?.key === section.key} data-section={section.key}>
                  {t(`nav.${section.key}`)}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  )
}
