import { type QueryKey, useInfiniteQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import type { Paged } from '../../api/client.ts'

/**
 * A paged list (history sessions, versions, an action's changes) as one cached infinite query: its
 * newest page, then `loadOlder()` for the next older one (the server's `next` address is the page
 * parameter). When the list is made stale (its event, a change made here) every page loaded is read
 * again, from the newest. `pages` come newest first; `items` oldest first, as each page is sent.
 */
export function usePaged<T>(queryKey: QueryKey, load: (next?: string) => Promise<Paged<T>>, options: { enabled?: boolean } = {}) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => load(pageParam || undefined),
    initialPageParam: '',
    getNextPageParam: (last) => last.next ?? undefined,
    enabled: options.enabled ?? true,
  })
  const pages = query.data?.pages
  const items = useMemo(() => (pages ? [...pages].reverse().flatMap((page) => page.items) : null), [pages])
  return {
    pages: pages ?? null,
    data: items,
    hasOlder: query.hasNextPage,
    loadingOlder: query.isFetchingNextPage,
    loadOlder: () => void query.fetchNextPage(),
    error: query.error,
  }
}
