/** Documents with edits the server has not acknowledged yet. */
const unsaved = new Set<object>()

const askFirst = (event: BeforeUnloadEvent): void => {
  // The browser shows its own question ("Quitter le site ?"); the text cannot be chosen.
  event.preventDefault()
}

/**
 * While anything is unsaved, closing or reloading the tab asks first (KEEP4). One listener for the
 * whole page, present only then: a page with nothing pending leaves without a question (and stays
 * eligible for the browser's back-forward cache).
 */
export function setUnsaved(source: object, pending: boolean): void {
  const before = unsaved.size
  if (pending) unsaved.add(source)
  else unsaved.delete(source)
  if (before === 0 && unsaved.size > 0) window.addEventListener('beforeunload', askFirst)
  if (before > 0 && unsaved.size === 0) window.removeEventListener('beforeunload', askFirst)
}
