import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
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
  // On a phone the menu folds behind a button (PLANUI4); wider, the button is not shown and the menu always is.
  const [open, setOpen] = useState(false)
  const menuId = useId()
  const toggle = useRef<HTMLButtonElement>(null)
  const where = `${current?.key ?? ''}|${page ?? ''}`
  // Following a link closes it: the page that opens is what the person came for.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the place changes.
  useEffect(() => setOpen(false), [where])
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return
    setOpen(false)
    toggle.current?.focus()
  }
  return (
    <nav className={`workspace-nav${open ? ' is-open' : ''}`} aria-label={t('nav.section')} onKeyDown={onKeyDown}>
      <div className="workspace-nav__top">
        <p className="workspace-nav__name">{workspace.name}</p>
        <button
          ref={toggle}
          type="button"
          className="button workspace-nav__toggle"
          aria-expanded={open}
          aria-controls={menuId}
          onClick={() => setOpen((o) => !o)}
          data-testid="nav-toggle"
        >
          <span aria-hidden="true">☰ </span>
          {t('nav.menu')}
        </button>
      </div>
      <div id={menuId} className="workspace-nav__menu">
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
      </div>
    </nav>
  )
}
