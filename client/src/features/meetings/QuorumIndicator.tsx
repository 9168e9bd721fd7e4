import type { QuorumResult } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'

/** The quorum, announced to screen readers whenever it changes (aria-live). */
export function QuorumIndicator({ quorum }: { quorum: QuorumResult }) {
  const { t } = useTranslation()
  const values = {
    counted: quorum.present + quorum.represented,
    required: quorum.required,
    present: quorum.present,
    represented: quorum.represented,
    total: quorum.totalSeats,
  }
  return (
    <p className={`quorum ${quorum.met ? 'quorum--met' : 'quorum--missing'}`} role="status" aria-live="polite" data-testid="quorum" data-met={quorum.met}>
      {quorum.met ? t('meetings.quorumMet', values) : t('meetings.quorumNotMet', values)}
    </p>
  )
}
