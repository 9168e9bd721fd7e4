import { COMMENT_LIMITS, mentionToken } from '@ensemble/shared'
import { type FormEvent, type KeyboardEvent, useId, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { filterCandidates, type MentionCandidate, mentionCandidates, mentionQueryAt } from './mentionCandidates.ts'

interface MentionComposerProps {
  label: string
  submitLabel: string
  initial?: string
  autoFocus?: boolean
  /** Resolves to an error message to show, or nothing when sent. */
  onSubmit(body: string): Promise<string | undefined>
  onCancel?(): void
  testId?: string
}

/**
 * A message box with `@` autocomplete (ARIA combobox with a listbox popup): members by name or
 * partner, and partners to reach all their members. Choosing inserts the token the server resolves
 * (`@[Name](user:id)`, `@[Partner](partner:id)`). Ctrl+Enter sends.
 */
export function MentionComposer({ label, submitLabel, initial = '', autoFocus, onSubmit, onCancel, testId }: MentionComposerProps) {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const id = useId()
  const listId = `${id}-mentions`
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const box = useRef<HTMLTextAreaElement>(null)
  const [value, setValue] = useState(initial)
  const [caret, setCaret] = useState(initial.length)
  const [active, setActive] = useState(0)
  const [dismissed, setDismissed] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const all = useMemo(() => mentionCandidates(workspace.members, workspace.partners), [workspace.members, workspace.partners])
  const mention = mentionQueryAt(value, caret)
  const open = mention !== null && dismissed !== mention.start
  const options = open ? filterCandidates(all, mention.query) : []
  const current = options[Math.min(active, options.length - 1)]
  const optionId = (c: MentionCandidate) => `${id}-${c.kind}-${c.id}`

  // After a mention is inserted the caret goes right after it, as soon as React has written the new
  // value and before the next key is handled (a frame later, a fast typist's next letter lands first).
  // A new object per insertion, set in the same render as the value, so the same offset twice moves it too.
  const [caretAfterInsert, setCaretAfterInsert] = useState<{ at: number } | null>(null)
  useLayoutEffect(() => {
    if (!caretAfterInsert) return
    box.current?.focus()
    box.current?.setSelectionRange(caretAfterInsert.at, caretAfterInsert.at)
  }, [caretAfterInsert])

  const track = () => {
    const el = box.current
    if (el) setCaret(el.selectionStart)
  }

  const insert = (candidate: MentionCandidate) => {
    if (!mention) return
    const token = `${mentionToken(candidate.kind, candidate.id, candidate.label)} `
    const next = value.slice(0, mention.start) + token + value.slice(caret)
    const at = mention.start + token.length
    setValue(next)
    setCaret(at)
    setActive(0)
    setCaretAfterInsert({ at })
  }

  const submit = async (event?: FormEvent) => {
    event?.preventDefault()
    const body = value.trim()
    if (!body || busy) return
    setBusy(true)
    const problem = await onSubmit(body)
    setBusy(false)
    if (problem) {
      setError(problem)
      return
    }
    setError(null)
    setValue('')
    setCaret(0)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open && options.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault()
        const step = event.key === 'ArrowDown' ? 1 : -1
        setActive((i) => (Math.min(i, options.length - 1) + step + options.length) % options.length)
        return
      }
      if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && current) {
        event.preventDefault()
        insert(current)
        return
      }
    }
    if (open && event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      setDismissed(mention.start)
      return
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      void submit()
      return
    }
    if (event.key === 'Escape' && onCancel) {
      event.preventDefault()
      onCancel()
    }
  }

  return (
    <form className="composer" onSubmit={submit} noValidate data-testid={testId}>
      <label htmlFor={`${id}-box`} className="composer__label">
        {label}
      </label>
      <div className="composer__box">
        <textarea
          id={`${id}-box`}
          ref={box}
          rows={3}
          value={value}
          maxLength={COMMENT_LIMITS.bodyLength}
          // biome-ignore lint/a11y/noAutofocus: the box appears on the member's own Reply or Edit click, so focus follows that action; never on page load.
          autoFocus={autoFocus}
          role="combobox"
          aria-autocomplete="list"
          aria-haspopup="listbox"
          aria-expanded={open && options.length > 0}
          aria-controls={listId}
          aria-activedescendant={open && current ? optionId(current) : undefined}
          aria-describedby={[hintId, error ? errorId : null].filter(Boolean).join(' ')}
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            setValue(event.target.value)
            setCaret(event.target.selectionStart)
            setActive(0)
          }}
          onKeyDown={onKeyDown}
          onKeyUp={track}
          onClick={track}
          onBlur={() => mention && setDismissed(mention.start)}
          onFocus={() => setDismissed(null)}
          data-testid="composer-input"
        />
        <div id={listId} role="listbox" aria-label={t('comments.mentions.listLabel')} className="mention-list" hidden={!open || options.length === 0}>
          {options.map((c) => (
            <div
              key={`${c.kind}-${c.id}`}
              id={optionId(c)}
              role="option"
              // Reached with the arrows through aria-activedescendant; focus stays in the box.
              tabIndex={-1}
              aria-selected={c === current}
              className={`mention-list__option${c === current ? ' is-active' : ''}`}
              // Keep focus in the box: the click inserts into it.
              onMouseDown={(event) => {
                event.preventDefault()
                insert(c)
              }}
              data-mention-kind={c.kind}
            >
              <span className="mention-list__name">{c.kind === 'partner' ? `@${c.label}` : c.label}</span>
              <span className="mention-list__detail">
                {c.kind === 'partner' ? `${t('comments.mentions.partner')} · ${t('comments.mentions.members', { count: c.memberCount })}` : c.detail}
              </span>
            </div>
          ))}
        </div>
        {open && options.length === 0 && <p className="mention-list mention-list--empty">{t('comments.mentions.none')}</p>}
      </div>
      <p className="field__hint" id={hintId}>
        {t('comments.messageHint')}
      </p>
      {error && (
        <p className="field__error" id={errorId} role="alert">
          {error}
        </p>
      )}
      <div className="composer__actions">
        <button type="submit" className="button button--primary button--small" disabled={busy || !value.trim()}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button--small" onClick={onCancel}>
            {t('comments.cancel')}
          </button>
        )}
      </div>
    </form>
  )
}
