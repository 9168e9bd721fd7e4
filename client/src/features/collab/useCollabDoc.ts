import { type AwarenessUser, colorForId } from '@ensemble/shared'
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { call, params, rest } from '../../api/client.ts'
import { useToasts } from '../../components/Toasts.tsx'
import { useMe, useSession } from '../auth/SessionContext.tsx'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { CollabConnection, type CollabSnapshot, INITIAL_SNAPSHOT } from './CollabConnection.ts'
import { adoptPreloaded } from './preloadedConnections.ts'

export interface CollabDoc extends CollabSnapshot {
  connection: CollabConnection
  doc: CollabConnection['doc']
  provider: CollabConnection['provider']
  awareness: CollabConnection['awareness']
  user: AwarenessUser
}

const noop = () => () => {}
const offlineSnapshot = (): CollabSnapshot => INITIAL_SNAPSHOT

/** The awareness identity of the signed-in member: name, cursor colour, partner. */
export function useAwarenessUser(): AwarenessUser {
  const me = useMe()
  const { workspace } = useWorkspace()
  const member = workspace.members.find((m) => m.userId === me.id)
  const partner = workspace.partners.find((p) => p.id === member?.partnerId)
  return useMemo(
    () => ({ id: me.id, name: me.name, color: member?.color ?? colorForId(me.id), partner: partner?.name ?? null }),
    [me.id, me.name, member?.color, partner?.name],
  )
}

/**
 * Opens one document of the current workspace for as long as the component is mounted: a Y.Doc,
 * its provider with ticketed reconnection, awareness, status, sync flag and the last server error.
 * Returns null until the connection exists (it is created in an effect so React's double mount in
 * development does not leave a socket behind).
 */
export function useCollabDoc(docName: string, options: { preview?: boolean } = {}): CollabDoc | null {
  const preview = options.preview ?? false
  const { t } = useTranslation()
  const { workspace, reload } = useWorkspace()
  const { expire } = useSession()
  const { notify } = useToasts()
  const user = useAwarenessUser()
  const [connection, setConnection] = useState<CollabConnection | null>(null)
  // The connection outlives renders: its callbacks read the latest language, toasts and reload.
  const latest = useRef({ t, notify, reload, expire })
  latest.current = { t, notify, reload, expire }
  // The identity a new connection starts with; later changes (a renamed member) are set in place below.
  const identity = useRef(user)
  identity.current = user
  const userId = user.id

  useEffect(() => {
    // Opened already when this page was the one loaded (preloadedConnections.ts); else opened now.
    const created =
      adoptPreloaded(workspace.id, docName) ??
      new CollabConnection({
        workspaceId: workspace.id,
        docName,
        user: identity.current,
        preview,
        fetchTicket: async () => (await call(rest.workspaces[':workspaceId'].tickets.$post({ param: params({ workspaceId: workspace.id }) }))).ticket,
      })
    created.setHandlers({
      onUnauthenticated: () => latest.current.expire(),
      // A document too large to open is not a refused edit: the connection status says why (LOOP6).
      onUnclaimedError: (error) =>
        error.code !== 'document_too_large' && latest.current.notify(latest.current.t('toasts.rejected', { message: error.message }), 'error'),
      // A refusal for lack of rights usually means the role changed meanwhile: re-read it so the
      // interface stops offering what the server refuses.
      onServerError: (error) => {
        if (error.code === 'edit_forbidden' || error.code === 'document_locked') void latest.current.reload()
      },
    })
    // What this person typed here and the server has not stored survives a closed tab (KEEP1).
    created.keepOnDevice(userId)
    created.start()
    setConnection(created)
    return () => {
      created.destroy()
      setConnection(null)
    }
    // Only another document (or another person's edits kept on the device) needs another connection.
  }, [workspace.id, docName, preview, userId])

  useEffect(() => {
    connection?.setUser(user)
  }, [connection, user])

  const snapshot = useSyncExternalStore(connection?.subscribe ?? noop, connection?.getSnapshot ?? offlineSnapshot)
  // Memoised: this object is the context value of every cell, which must not re-render for nothing.
  return useMemo(
    () => (connection ? { ...snapshot, connection, doc: connection.doc, provider: connection.provider, awareness: connection.awareness, user } : null),
    [connection, snapshot, user],
  )
}
