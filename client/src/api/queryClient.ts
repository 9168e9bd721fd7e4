import { QueryClient } from '@tanstack/react-query'

/**
 * The page's one cache of server state (TanStack Query). Reads are not retried: a refusal (429,
 * 403, a network failure) is shown at once, translated, as it was before the cache; the live event
 * stream, not window focus, says when something changed (`liveQueries.ts`).
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
    mutations: { retry: false },
  },
})
