import { useMutation, useQuery } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { VersionView } from '@ensemble/shared'
import { queryKeys } from '../../api/queryKeys.ts'
import { apiErrorMessage } from '../../components/validation.ts'
import { fetchDiff, fetchVersionDocument, restoreVersion } from './api.ts'
import { Dialog } from './Dialog.tsx'
import { DiffView } from './DiffView.tsx'
import { VersionContent } from './VersionContent.tsx'
import { when } from './when.ts'

interface VersionDialogProps {
  workspaceId: string
  docName: string
  version: VersionView
  /** Every named version, to compare with. */
  versions: readonly VersionView[]
  /** '' reads the version; 'current' or another version's id opens the comparison. */
  compareTo: string
  canRestore: boolean
  onClose: () => void
  onRestored: (version: VersionView) => void
}

/**
 * One named version, read-only in the document's layout; "Compare with…" shows its differences with
 * the current state or another version; "Restore this version" (steering, admin) after a confirmation.
 */
export function VersionDialog({ workspaceId, docName, version, versions, compareTo: initial, canRestore, onClose, onRestored }: VersionDialogProps) {
  const { t, i18n } = useTranslation()
  const titleId = useId()
  const [compareTo, setCompareTo] = useState(initial)
  const [confirming, setConfirming] = useState(false)
  const restoreButton = useRef<HTMLButtonElement>(null)
  const confirmButton = useRef<HTMLButtonElement>(null)
  // The confirmation opens on the member's click: focus moves into it (and back on Cancel).
  useEffect(() => {
    if (confirming) confirmButton.current?.focus()
  }, [confirming])
  const doc = useQuery({
    queryKey: queryKeys.versionDocument(workspaceId, docName, version.id),
    queryFn: () => fetchVersionDocument(workspaceId, docName, version.id),
    staleTime: Infinity,
  })
  // Each comparison is read when chosen; `current` moves with the document: read again each time, never kept.
  const current = compareTo === 'current'
  const diff = useQuery({
    queryKey: queryKeys.diff(workspaceId, docName, version.id, compareTo),
    queryFn: () => fetchDiff(workspaceId, docName, version.id, compareTo),
    enabled: compareTo !== '',
    staleTime: current ? 0 : Infinity,
    gcTime: current ? 0 : undefined,
  })
  const restoring = useMutation({ mutationFn: () => restoreVersion(workspaceId, docName, version.id), onSuccess: () => onRestored(version) })
  const failure = restoring.error ?? diff.error ?? doc.error
  const otherName = compareTo === 'current' ? t('history.viewer.current') : (versions.find((v) => v.id === compareTo)?.name ?? '')
  const restore = () => restoring.mutate()
  return (
    <Dialog labelledBy={titleId} onClose={onClose} className="version-dialog">
      <header className="version-dialog__header">
        <h2 id={titleId} tabIndex={-1}>
          {compareTo ? t('history.diff.title', { from: version.name, to: otherName }) : t('history.readOnly', { name: version.name })}
        </h2>
        <p>{t('history.viewer.created', { date: when(version.createdAt, i18n.language) })}</p>
      </header>
      <div className="version-dialog__tools">
        <label>
          {t('history.viewer.compareWith')}
          <select value={compareTo} onChange={(e) => setCompareTo(e.target.value)}>
            <option value="">{t('history.viewer.readOnlyOption')}</option>
            <option value="current">{t('history.viewer.current')}</option>
            {versions
              .filter((v) => v.id !== version.id)
              .map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
          </select>
        </label>
        {canRestore && (
          <button
            type="button"
            ref={restoreButton}
            className="button button--small"
            aria-expanded={confirming}
            aria-controls={confirming ? `${titleId}-confirm-box` : undefined}
            onClick={() => setConfirming(true)}
          >
            {t('history.viewer.restoreThis')}
          </button>
        )}
        <button type="button" className="button button--small" onClick={onClose}>
          {t('history.viewer.close')}
        </button>
      </div>
      {confirming && (
        <div role="alertdialog" id={`${titleId}-confirm-box`} aria-labelledby={`${titleId}-confirm`} className="version-dialog__confirm">
          <p id={`${titleId}-confirm`}>{t('history.confirmRestore', { name: version.name })}</p>
          <button type="button" ref={confirmButton} className="button button--small button--danger" onClick={restore}>
            {t('history.viewer.confirmRestore')}
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              setConfirming(false)
              restoreButton.current?.focus()
            }}
          >
            {t('history.viewer.cancel')}
          </button>
        </div>
      )}
      {failure && <p role="alert">{apiErrorMessage(failure, t)}</p>}
      <div className="version-dialog__body" aria-busy={compareTo ? !diff.data : !doc.data}>
        {compareTo ? (
          diff.data ? (
            <DiffView diff={diff.data} />
          ) : (
            <p>{t('history.diff.loading')}</p>
          )
        ) : doc.data ? (
          <VersionContent document={doc.data.document} label={t('history.readOnly', { name: version.name })} />
        ) : (
          <p>{t('history.viewer.loading')}</p>
        )}
      </div>
    </Dialog>
  )
}
