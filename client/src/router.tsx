import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react'

/**
 * A tiny history router: the server answers every non-API path with index.html, so clean URLs work
 * on reload. Pages subscribe to the path; links push state without a page load.
 */
const NAVIGATE = 'ensemble:navigate'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATE, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATE, onChange)
  }
}

export const usePath = (): string => useSyncExternalStore(subscribe, () => window.location.pathname)

/** The fragment of the address without its `#` (a body card to open, GOV25); empty when none. */
export const useHash = (): string => useSyncExternalStore(subscribe, () => decodeURIComponent(window.location.hash.slice(1)))

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname) return
  if (options.replace) window.history.replaceState(null, '', to)
  else window.history.pushState(null, '', to)
  window.dispatchEvent(new Event(NAVIGATE))
}

/** Matches `/alliances/:id/plan`-style patterns; returns the named segments or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean)
  const have = path.split('/').filter(Boolean)
  if (want.length !== have.length) return null
  const params: Record<string, string> = {}
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!
    const h = decodeURIComponent(have[i]!)
    if (w.startsWith(':')) params[w.slice(1)] = h
    else if (w !== h) return null
  }
  return params
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string; current?: boolean }

/** A real `<a href>` (so it opens in a new tab, is announced as a link) that routes in-app on a plain click. */
export function Link({ to, current, onClick, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event)
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    navigate(to)
  }
  return <a href={to} onClick={handle} aria-current={current ? 'page' : undefined} {...rest} />
}
