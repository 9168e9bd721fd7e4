import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Dialog } from '../history/Dialog.tsx'

/**
 * Asks in the page why an action is blocked (PLANUI6): the status becomes « Bloquée » only with the
 * reason, written together; Escape or « Annuler » leaves the action as it was.
 */
export function BlockedReasonDialog({
  title,
  onBlock,
  onClose,
}: {
  title: string
  /** Writes the status and the reason; a returned message is the rules' refusal, shown here. */
  onBlock(reason: string): string | null
  onClose(): void
}) {
  const { t } = useTranslation()
  const titleId = useId()
  const fieldId = useId()
  const errorId = useId()
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const text = reason.trim()
    if (!text) return setError(t('plan.blockedReasonRequired'))
    const problem = onBlock(text)
    if (problem) return setError(problem)
    onClose()
  }
  return (
    <Dialog labelledBy={titleId} onClose={onClose} className="blocked-dialog">
      <form onSubmit={submit} noValidate>
        <h2 id={titleId} tabIndex={-1}>
          {t('plan.blockedReasonTitle', { title })}
        </h2>
        <label htmlFor={fieldId}>{t('plan.blockedReasonPrompt', { title })}</label>
        <textarea
          id={fieldId}
          rows={3}
          maxLength={2000}
          value={reason}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => setReason(e.target.value)}
          data-testid="blocked-reason-input"
        />
        {error && (
          <p id={errorId} className="notice notice--error" role="alert">
            {error}
          </p>
        )}
        <p className="blocked-dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            {t('plan.blockedReasonCancel')}
          </button>
          <button type="submit" className="button button--primary" data-testid="blocked-reason-submit">
            {t('plan.blockedReasonSubmit')}
          </button>
        </p>
      </form>
    </Dialog>
  )
}
