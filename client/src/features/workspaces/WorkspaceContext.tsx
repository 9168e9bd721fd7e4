import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import type { WorkspaceDetail } from '@ensemble/shared'
import { call, params, rest } from '../../api/client.ts'
import { preloadKeys, takePreloaded } from '../../preload.ts'
import { useTranslation } from 'react-i18next'
import { useSession } from '../auth/SessionContext.tsx'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'
import { type Abilities, abilitiesOf } from './abilities.ts'
import { useLiveMembership } from '../roles/useLiveMembership.ts'

interface WorkspaceApi {
  workspace: WorkspaceDetail
  abilities: Abilities
  /** Re-reads partners, members and invitations after a change made through REST. */
  reload(): Promise<void>
}

const WorkspaceContext = createContext<WorkspaceApi | null>(null)

export function useWorkspace(): WorkspaceApi {
  const api = useContext(WorkspaceContext)
  if (!api) throw new Error('useWorkspace outside WorkspaceProvider')
  return api
}

type LoadState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; workspace: WorkspaceDetail }

/** Loads one alliance (partners, members, invitations, the user's role) for every page inside it. */
export function WorkspaceProvider({
  workspaceId,
  children,
  fallback,
}: {
  workspaceId: string
  children: ReactNode
  fallback: (state: { error?: string; retry(): void }) => ReactNode
}) {
  const handleError = useApiErrorHandler()
  const [state, setState] = useState<LoadState>({ status: 'loading' })

  const reload = useCallback(async () => {
    try {
      const workspace = await (takePreloaded<WorkspaceDetail>(preloadKeys.workspace(workspaceId)) ??
        call(rest.workspaces[':workspaceId'].$get({ param: params({ workspaceId }) })))
      setState({ status: 'ready', workspace })
    } catch (error) {
      setState((current) => (current.status === 'ready' ? current : { status: 'error', message: handleError(error) }))
    }
  }, [workspaceId, handleError])

  useEffect(() => {
    setState({ status: 'loading' })
    void reload()
  }, [reload])

  const { t } = useTranslation()
  const { session } = useSession()
  useLiveMembership(workspaceId, session.status === 'signedIn' ? session.me.id : null, reload, () =>
    setState({ status: 'error', message: t('liveRoles.removed') }),
  )

  const api = useMemo(
    () => (state.status === 'ready' ? { workspace: state.workspace, abilities: abilitiesOf(state.workspace.role), reload } : null),
    [state, reload],
  )
  if (!api) return <>{fallback(state.status === 'error' ? { error: state.message, retry: () => void reload() } : { retry: () => void reload() })}</>
  return <WorkspaceContext.Provider value={api}>{children}</WorkspaceContext.Provider>
}
