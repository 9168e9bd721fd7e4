import { useRef } from 'react'
import { useWorkspaceEvents } from '../comments/workspaceEvents.ts'

/**
 * Keeps the alliance's members and the user's own role current while its pages are open (SPEC ROLE1):
 * the server announces every role change and removal (`member.changed`) once the member's open
 * connections judge edits by it; the pages re-read the alliance, so controls appear or disappear and
 * the editors become read-only or editable without a reload. `ready` after a reconnection re-reads
 * too: what was announced while the stream was down is lost.
 */
export function useLiveMembership(workspaceId: string, userId: string | null, reload: () => Promise<void>, onRemoved: () => void): void {
  const connectedBefore = useRef(false)
  useWorkspaceEvents(workspaceId, (type, data) => {
    if (type === 'ready') {
      if (connectedBefore.current) void reload()
      connectedBefore.current = true
      return
    }
    if (type !== 'member.changed') return
    const change = data as { userId?: unknown; role?: unknown } | null
    if (change?.userId === userId && change?.role === null) onRemoved()
    else void reload()
  })
}
