import { useQuery } from '@tanstack/react-query'
import { call, params, rest } from '../../api/client.ts'
import { queryKeys } from '../../api/queryKeys.ts'
import { useLiveWorkspace } from '../comments/workspaceEvents.ts'

/** The member's dashboard, read again when the plan, their inbox, a sign-off or a meeting changes (api/liveQueries.ts, DASH8). */
export function useDashboard(workspaceId: string) {
  useLiveWorkspace(workspaceId)
  return useQuery({
    queryKey: queryKeys.dashboard(workspaceId),
    queryFn: () => call(rest.workspaces[':workspaceId'].dashboard.$get({ param: params({ workspaceId }) })),
  })
}
