import { useCallback, useEffect, useState } from 'react'
import { call, params, rest } from '../../api/client.ts'
import { useWorkspaceEvents } from './workspaceEvents.ts'

/** The member's unread inbox items in this workspace, kept current by `inbox.changed`. */
export function useUnreadCount(workspaceId: string): number | null {
  const [count, setCount] = useState<number | null>(null)
  const reload = useCallback(() => {
    call(rest.workspaces[':workspaceId'].inbox['unread-count'].$get({ param: params({ workspaceId }) }))
      .then(({ unread }) => setCount(unread))
      // The badge is a convenience: a failed read leaves it as it was.
      .catch(() => undefined)
  }, [workspaceId])
  useEffect(reload, [reload])
  useWorkspaceEvents(workspaceId, (type, data) => {
    if (type === 'inbox.changed') setCount((data as { unread: number }).unread)
    // After a reconnection the count may have moved meanwhile.
    else if (type === 'ready') reload()
  })
  return count
}
