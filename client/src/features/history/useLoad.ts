import { useCallback, useEffect, useState } from 'react'
import { errorText } from '../server-errors/errorText.ts'

/** Loads `load()` once and on `reload()`; keeps the last error message for an alert. */
export function useLoad<T>(load: () => Promise<T>): { data: T | null; error: string | null; reload: () => void; setError: (message: string | null) => void } {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [tick, setTick] = useState(0)
  useEffect(() => {
    let live = true
    load().then(
      (value) => live && (setData(value), setError(null)),
      (err: unknown) => live && setError(errorText(err)),
    )
    return () => {
      live = false
    }
    // `load` closes over ids only; reloading is explicit (`reload`).
  }, [tick])
  const reload = useCallback(() => setTick((n) => n + 1), [])
  return { data, error, reload, setError }
}

/** Runs an action, reloads, and reports a failure through `setError`. */
export async function attempt(action: () => Promise<unknown>, done: () => void, setError: (message: string | null) => void): Promise<void> {
  try {
    await action()
    setError(null)
    done()
  } catch (err) {
    setError(errorText(err))
  }
}
