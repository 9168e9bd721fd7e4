import { useCallback, useEffect, useState } from 'react'
import type { Paged } from '../../api/client.ts'

/**
 * A paged list (history sessions, versions): its newest page, loaded once and on `reload()` (which
 * starts again from the newest), and `loadOlder()`, which puts the next older page before it.
 * Items are kept oldest first, as the server sends each page. `describe` turns an error into a sentence.
 */
export function usePaged<T>(load: (next?: string) => Promise<Paged<T>>, describe: (error: unknown) => string) {
  const [list, setList] = useState<{ items: T[]; next: string | null } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loadingOlder, setLoadingOlder] = useState(false)
  const [tick, setTick] = useState(0)
  useEffect(() => {
    let live = true
    load().then(
      (page) => live && (setList(page), setError(null)),
      (err: unknown) => live && setError(describe(err)),
    )
    return () => {
      live = false
    }
    // `load` closes over ids only; reloading is explicit (`reload`).
  }, [tick])
  const reload = useCallback(() => setTick((n) => n + 1), [])
  const loadOlder = async () => {
    if (!list?.next || loadingOlder) return
    setLoadingOlder(true)
    try {
      const page = await load(list.next)
      setList((current) => current && { items: [...page.items, ...current.items], next: page.next })
    } catch (err) {
      setError(describe(err))
    } finally {
      setLoadingOlder(false)
    }
  }
  return { data: list?.items ?? null, hasOlder: list?.next != null, loadingOlder, loadOlder, error, reload, setError }
}
