import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Dialog } from '../history/Dialog.tsx'
import type { RefusedText } from './useRefusedText.ts'
import './roles.css'

interface RefusedTextDialogProps {
  refused: RefusedText
  /** Opens the comment composer with the text; absent when the member may not comment. */
  onComment?(text: string): void
  onClose(): void
}

/**
 * The text the server took back, so nothing typed is silently lost: the refusal's reason, the text
 * (selectable), « Copier le texte » and, for those who may comment, « En faire un commentaire ».
 */
export function RefusedTextDialog({ refused, onComment, onClose }: RefusedTextDialogProps) {
  const { t } = useTranslation()
  const titleId = useId()
  const textId = useId()
  const [status, setStatus] = useState('')
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(refused.text)
      setStatus(t('liveRoles.copied'))
    } catch {
      setStatus(t('liveRoles.copyFailed'))
      const box = document.getElementById(textId)
      if (box instanceof HTMLTextAreaElement) box.select()
    }
  }
  return (
    <Dialog labelledBy={titleId} onClose={onClose} className="refused-dialog">
      <h2 id={titleId} tabIndex={-1}>
        {t('liveRoles.refusedTitle')}
      </h2>
      <p>{t('liveRoles.refusedIntro')}</p>
      <p className="notice notice--error" data-testid="refused-reason">
        {refused.reason}
      </p>
      <label htmlFor={textId}>{t('liveRoles.refusedText')}</label>
      <textarea
        id={textId}
        className="refused-dialog__text"
        readOnly
        value={refused.text}
        rows={Math.min(8, Math.max(3, refused.text.split('\n').length + 1))}
        data-testid="refused-text"
      />
      <p className="muted">{onComment ? t('liveRoles.refusedKeep') : t('liveRoles.refusedKeepObserver')}</p>
      <p className="refused-dialog__actions">
        <button type="button" className="button" onClick={() => void copy()} data-testid="refused-copy">
          {t('liveRoles.copy')}
        </button>
        {onComment && (
          <button type="button" className="button" onClick={() => onComment(refused.text)} data-testid="refused-comment">
            {t('liveRoles.toComment')}
          </button>
        )}
        <button type="button" className="button button--primary" onClick={onClose}>
          {t('liveRoles.close')}
        </button>
      </p>
      <p role="status" className="refused-dialog__status">
        {status}
      </p>
    </Dialog>
  )
}
