import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { useCollabDoc } from '../collab/useCollabDoc.ts'
import { firstParagraph } from './visionQuote.ts'

/**
 * Opens the vision document just long enough to read its first paragraph once synced, hands it to
 * `onQuote` (which writes it into the project), then is unmounted by its parent, closing the connection.
 */
export function VisionQuoter({ onQuote }: { onQuote: (text: string) => void }) {
  const { t } = useTranslation()
  const collab = useCollabDoc('vision')
  const done = useRef(false)
  useEffect(() => {
    if (!collab?.synced || done.current) return
    done.current = true
    onQuote(firstParagraph(collab.doc))
  }, [collab, onQuote])
  return <p aria-busy="true">{t('diagnostic.quoting')}</p>
}
