import { type KeyboardEvent, useState } from 'react'

export interface DraftOptions {
  /** The value in the shared document, as the control's string. */
  remote: string
  /** Returns an error message, or null when the draft may be written. */
  validate?: (draft: string) => string | null
  /** Writes the draft into the document (one field, never the whole row). */
  commit: (draft: string) => void
  /** Multi-line controls keep Enter for new lines; Ctrl/Cmd+Enter commits. */
  multiline?: boolean
}

/**
 * Local draft state for one cell of a shared document. While someone types, the cell shows their
 * draft and ignores remote changes (to this or any other cell); it writes once, on blur or Enter;
 * Escape drops the draft and shows the shared value again. A cell nobody is typing in follows the
 * shared value live.
 */
export function useDraft({ remote, validate, commit, multiline }: DraftOptions) {
  const [draft, setDraft] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const finish = (): boolean => {
    if (draft === null) return true
    if (draft === remote) {
      setDraft(null)
      setError(null)
      return true
    }
    const problem = validate?.(draft) ?? null
    if (problem) {
      setError(problem)
      return false
    }
    commit(draft)
    setDraft(null)
    setError(null)
    return true
  }

  const cancel = () => {
    setDraft(null)
    setError(null)
  }

  return {
    value: draft ?? remote,
    editing: draft !== null,
    error,
    onChange: (next: string) => {
      setDraft(next)
      if (error) setError(null)
    },
    onBlur: () => {
      finish()
    },
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
      if (event.key === 'Escape' && draft !== null) {
        event.preventDefault()
        event.stopPropagation()
        cancel()
      } else if (event.key === 'Enter' && (!multiline || event.ctrlKey || event.metaKey)) {
        event.preventDefault()
        finish()
      }
    },
    /** For controls without typing (date pickers' "clear", steppers): write right away. */
    commitNow: (next: string) => {
      setDraft(next)
      const problem = validate?.(next) ?? null
      if (problem) {
        setError(problem)
        return
      }
      if (next !== remote) commit(next)
      setDraft(null)
      setError(null)
    },
  }
}
