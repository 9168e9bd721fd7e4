import type { Decision } from '@ensemble/shared'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { queryKeys } from '../../api/queryKeys.ts'
import { Link } from '../../router.tsx'
import { sectionBySlug, workspaceUrl } from '../workspaces/sections.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { MEETING_PARAM } from './meetingParam.ts'
import { meetingsApi } from './meetingsApi.ts'

/** In an action's detail: the governance decisions it comes from (its `decisionIds`, GOV19), each linking to its meeting. */
export function ActionDecisions({ ids }: { ids: readonly string[] }) {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const api = meetingsApi(workspace.id)
  // A decision that can no longer be read (its meeting deleted) is left out, not an error.
  const found = useQuery({
    queryKey: queryKeys.decisionsOf(workspace.id, ids),
    queryFn: async () => (await Promise.all(ids.map((id) => api.decision(id).catch(() => null)))).filter((d): d is Decision => d !== null),
  })
  const decisions = found.data ?? []
  if (decisions.length === 0) return null
  const meetings = workspaceUrl(workspace.id, sectionBySlug('reunions'))
  return (
    <div className="action-detail__decisions" data-testid="action-decisions">
      <p className="action-detail__label">{t('meetings.actionDecisions')}</p>
      <ul>
        {decisions.map((d) => (
          <li key={d.id}>
            <Link to={`${meetings}?${MEETING_PARAM}=${encodeURIComponent(d.meetingId)}`}>
              {t('meetings.decisionOf', { title: d.title, outcome: t(`meetings.outcomes.${d.outcome}`), date: d.decidedAt.slice(0, 10) })}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  )
}
