import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'

/** A user id as the member's name (someone who left the alliance is a former member). */
export function useMemberName(): (userId: string) => string {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  return useCallback((userId: string) => workspace.members.find((m) => m.userId === userId)?.name ?? t('comments.formerMember'), [workspace.members, t])
}
