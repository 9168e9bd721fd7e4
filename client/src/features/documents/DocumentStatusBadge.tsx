import { type DocumentStatus, DOCUMENT_STATUSES } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'

/** Brouillon / Proposé / Adopté, as stored in the document's `meta`. */
export function DocumentStatusBadge({ status }: { status: unknown }) {
  const { t } = useTranslation()
  const known: DocumentStatus = (DOCUMENT_STATUSES as readonly unknown[]).includes(status) ? (status as DocumentStatus) : 'draft'
  return (
    <span className={`badge badge--status status--${known}`} data-testid="document-status" data-status={known}>
      <span className="visually-hidden">{t('documents.status')} : </span>
      {t(`documents.statuses.${known}`)}
    </span>
  )
}
