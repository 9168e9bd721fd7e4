import { parseBodyLink } from '@ensemble/shared'
import type { Editor } from '@tiptap/core'
import { navigate } from '../../router.tsx'

/**
 * Following a link to a governance body (GOV25) stays in the app: the governance page opens on the
 * body's card. While editing, a plain click places the caret, as on any link; Ctrl/⌘+click follows.
 */
export function followBodyLink(event: MouseEvent, editable: boolean): boolean {
  const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null
  const href = anchor?.getAttribute('href') ?? null
  if (!parseBodyLink(href) || event.button !== 0) return false
  if (editable && !(event.ctrlKey || event.metaKey)) return false
  event.preventDefault()
  navigate(href!)
  return true
}

/** Alt+Enter with the caret in a body link follows it; elsewhere the key does nothing special. */
export function followBodyLinkAtCaret(editor: Editor): boolean {
  const href = editor.getAttributes('link').href as string | undefined
  if (!parseBodyLink(href)) return false
  navigate(href!)
  return true
}
