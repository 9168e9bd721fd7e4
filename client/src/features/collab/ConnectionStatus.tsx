import { CLOSE } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import type { CollabSnapshot } from './CollabConnection.ts'
import { describeRefusal } from './refusal.ts'
import type { SaveState } from './saveTracker.ts'

/** Why a connection closed for good, by close code (strings under `collab.reasons`). */
const REASONS: Partial<Record<number, 'accessRevoked' | 'unknownDocument' | 'documentTooLarge' | 'schemaMismatch' | 'malformedMessage'>> = {
  [CLOSE.accessRevoked]: 'accessRevoked',
  [CLOSE.unknownDocument]: 'unknownDocument',
  [CLOSE.documentTooLarge]: 'documentTooLarge',
  [CLOSE.schemaMismatch]: 'schemaMismatch',
  [CLOSE.malformedMessage]: 'malformedMessage',
}

/**
 * "Connecté" / "Hors ligne — reconnexion…", and whether what was written is stored: "Enregistré" /
 * "Enregistrement…" / "Non enregistré", or "Refusé" with what the server undid and why (KEEP5).
 * Both are announced politely when they change. After a 4429 close (too many messages) it says so
 * while it waits to reconnect.
 */
export function ConnectionStatus({ snapshot }: { snapshot: (CollabSnapshot & { doc?: Y.Doc }) | null }) {
  const { t } = useTranslation()
  const status = snapshot?.status ?? 'connecting'
  if (snapshot?.closed) {
    const code = snapshot.closed.code
    const known = REASONS[code]
    const reason =
      code === CLOSE.accessRevoked && snapshot.closed.reason === 'forbidden'
        ? t('collab.reasons.forbidden')
        : known
          ? t(`collab.reasons.${known}`)
          : t('collab.reasons.other', { code })
    return (
      <div className="connection connection--closed" role="alert" data-testid="connection-status" data-status="closed">
        <span className="connection__dot" aria-hidden="true" />
        {t('collab.closed', { reason })}{' '}
        <button type="button" className="button button--small" onClick={() => window.location.reload()}>
          {t('collab.reload')}
        </button>
      </div>
    )
  }
  const label =
    status === 'connected'
      ? snapshot?.synced
        ? t('collab.connected')
        : t('collab.syncing')
      : snapshot?.rateLimited
        ? t('connection.rateLimited')
        : status === 'offline'
          ? t('collab.offline')
          : t('collab.connecting')
  const refusal = snapshot?.save === 'refused' ? snapshot.refusal : null
  return (
    <div className="connection-area">
      <div className={`connection connection--${status}`} data-testid="connection-status" data-status={status}>
        <span className="connection__dot" aria-hidden="true" />
        <span className="visually-hidden">{t('collab.status')} : </span>
        <span aria-live="polite">{label}</span>
        <SaveIndicator save={snapshot?.save ?? 'saved'} />
      </div>
      {refusal && snapshot?.doc && (
        // Not a live region: « Refusé » is announced with the save state, and the reason by the toast or the field that shows it.
        <p className="connection-refusal" data-testid="save-refusal">
          {describeRefusal(refusal, snapshot.doc, t)}
        </p>
      )}
    </div>
  )
}

/** The "saved" acknowledgement as the member sees it (see saveTracker.ts). */
function SaveIndicator({ save }: { save: SaveState }) {
  const { t } = useTranslation()
  return (
    <span
      className={`connection__save connection__save--${save}`}
      data-testid="save-status"
      data-save={save}
      aria-live="polite"
      title={save === 'unsaved' ? t('saving.unsavedHint') : undefined}
    >
      {' · '}
      {t(`saving.${save}`)}
    </span>
  )
}
