import { type ReactNode, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { Section } from './sections.ts'
import { useWorkspace } from './WorkspaceContext.tsx'
import { WorkspaceNav } from './WorkspaceNav.tsx'

/** The alliance's navigation beside the page, and a tab title that says where we are. */
export function WorkspaceLayout({ section, page, children }: { section: Section | null; page?: 'inbox'; children: ReactNode }) {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const label = page === 'inbox' ? t('comments.inbox.title') : section ? t(`nav.${section.key}`) : t('nav.dashboard')
  useEffect(() => {
    document.title = `${label} — ${workspace.name} — ${t('app.name')}`
  }, [label, workspace.name, t])
  return (
    <div className="layout">
      <WorkspaceNav current={section} page={page} />
      <main id="main" tabIndex={-1} className="layout__main">
        {children}
      </main>
    </div>
  )
}
