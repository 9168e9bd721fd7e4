import { type ComponentType, createElement, lazy } from 'react'

/**
 * A page in its own chunk that can be fetched ahead (preload.ts starts it with the first script).
 * Once its code is there it renders at once; React.lazy alone would still suspend once, and React
 * holds a Suspense fallback on screen for at least 300 ms before revealing what replaced it.
 */
export interface LazyPage<P extends object> {
  /** Renders the component, suspending while its code loads. */
  Page: ComponentType<P>
  /** Fetches and runs its code (once). */
  preload(): Promise<void>
  /** The component once its code has run, else null (to show something else meanwhile). */
  loaded(): ComponentType<P> | null
}

export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  let loaded: ComponentType<P> | null = null
  let loading: Promise<void> | null = null
  const preload = (): Promise<void> =>
    (loading ??= load().then(
      (component) => {
        loaded = component
      },
      (error: unknown) => {
        loading = null // a later render tries again
        throw error
      },
    ))
  const Lazy = lazy(() => preload().then(() => ({ default: loaded! })))
  // biome-ignore lint/correctness/noComponentHookFactories: lazyPage runs once per page at module level (pages.ts), so each Page keeps one identity for the app's life.
  function Page(props: P) {
    return loaded ? createElement(loaded, props) : createElement(Lazy as ComponentType<P>, props)
  }
  return { Page, preload, loaded: () => loaded }
}
