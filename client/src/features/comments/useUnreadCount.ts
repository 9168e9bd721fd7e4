import { useQuery } from '@tanstack/react-query'
import { call, params, rest } from '../../api/client.ts'
import { queryKeys } from '../../api/queryKeys.ts'
import { useLiveWorkspace } from './workspaceEvents.ts'

/** The member's unread inbox items in this workspace, kept current by `inbox.changed` (api/liveQueries.ts sets it). */
export function useUnreadCount(workspaceId: string): number | null {
  useLiveWorkspace(workspaceId)
  // The badge is a convenience: a failed read leaves it as it was.
  const count = useQuery({
    queryKey: queryKeys.unreadCount(workspaceId),
    queryFn: () => call(rest.workspaces[':workspaceId'].inbox['unread-count'].$get({ param: params({ workspaceId }) })),
  })
  return count.data?.unread ?? null
}
