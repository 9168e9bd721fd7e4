import { useTranslation } from 'react-i18next'
import { Link } from '../../router.tsx'
import { sectionBySlug, workspaceUrl } from '../workspaces/sections.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'

/**
 * Where the charter defines a body (GOV25): the section whose text links to it, with a way back to
 * the charter, or a plain statement that the charter does not define it yet. Nothing until read.
 */
export function CharterDefinition({ definitions, bodyId }: { definitions: Map<string, string | null> | null; bodyId: string }) {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  if (!definitions) return null
  if (!definitions.has(bodyId)) {
    return (
      <p className="body-card__charter body-card__charter--missing" data-testid="body-charter">
        {t('charterLinks.notInCharter')}
      </p>
    )
  }
  const heading = definitions.get(bodyId)
  return (
    <p className="body-card__charter" data-testid="body-charter">
      {heading ? t('charterLinks.definedIn', { heading }) : t('charterLinks.definedInUntitled')}{' '}
      <Link to={workspaceUrl(workspace.id, sectionBySlug('charte'))}>{t('charterLinks.openCharter')}</Link>
    </p>
  )
}
