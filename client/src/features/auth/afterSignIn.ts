/** Where to go once signed in: the page that asked for a session, or the alliances list. */
export function afterSignIn(): string {
  const path = window.location.pathname
  return path.startsWith('/alliances/') ? path : '/alliances'
}
