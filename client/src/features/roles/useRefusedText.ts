import { useEffect, useMemo, useState } from 'react'
import type { CollabDoc } from '../collab/useCollabDoc.ts'
import { UndoneTextWatcher } from './undoneText.ts'

export interface RefusedText {
  /** The server's reason, in the member's language. */
  reason: string
  /** What was typed and taken back, every refusal since the dialog opened included. */
  text: string
}

/** Refusals that take back typing: a role lowered meanwhile, or a document locked meanwhile. */
const TAKES_BACK_TYPING = new Set(['edit_forbidden', 'document_locked'])

/**
 * Text typed between a demotion (or a lock) and the page learning of it is refused by the server
 * and undone everywhere; this keeps it for the member (SPEC ROLE4): the refusal and what it took
 * back, accumulated while the dialog stays open (each keystroke may be refused on its own).
 */
export function useRefusedText(collab: CollabDoc): { refused: RefusedText | null; dismiss(): void } {
  const watcher = useMemo(() => new UndoneTextWatcher(collab.doc), [collab.doc])
  useEffect(() => () => watcher.destroy(), [watcher])
  const [refused, setRefused] = useState<RefusedText | null>(null)
  // A new object per refusal (CollabConnection.receiveError), the same one across other renders.
  const error = collab.lastError
  useEffect(() => {
    if (!error || !TAKES_BACK_TYPING.has(error.code)) return
    const text = watcher.take()
    if (!text) return
    setRefused((current) => ({ reason: error.message, text: current ? current.text + text : text }))
  }, [error, watcher])
  return { refused, dismiss: () => setRefused(null) }
}
