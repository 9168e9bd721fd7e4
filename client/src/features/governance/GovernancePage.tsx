import { BODY_ANCHOR_PREFIX, bodyAnchorId, type CommentThread } from '@ensemble/shared'
import { useCallback, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useToasts } from '../../components/Toasts.tsx'
import { useHash } from '../../router.tsx'
import { CollabContext } from '../collab/CollabContext.tsx'
import { ConnectionStatus } from '../collab/ConnectionStatus.tsx'
import { type CollabDoc, useCollabDoc } from '../collab/useCollabDoc.ts'
import { TargetCommentsProvider } from '../comments/TargetComments.tsx'
import { PresenceList } from '../presence/PresenceList.tsx'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { BodyCard } from './BodyCard.tsx'
import { addBody } from './governanceWrites.ts'
import { useBodies } from './useBodies.ts'
import { useCharterDefinitions } from './useCharterDefinitions.ts'

/** Instances de gouvernance: who sits where, at which level of steering, and how they decide. */
export function GovernancePage() {
  const { t } = useTranslation()
  const collab = useCollabDoc('governance')
  return (
    <div className="page">
      {collab ? (
        <CollabContext.Provider value={collab}>
          <GovernanceBody collab={collab} />
        </CollabContext.Provider>
      ) : (
        // No heading until the document exists: the real one must be the one that gets focus.
        <p aria-busy="true">{t('app.loading')}</p>
      )}
    </div>
  )
}

function GovernanceBody({ collab }: { collab: CollabDoc }) {
  const { t } = useTranslation()
  const { abilities } = useWorkspace()
  const { notify } = useToasts()
  const bodies = useBodies(collab.doc)
  const canEdit = abilities.editGovernance && collab.synced
  const charterDefinitions = useCharterDefinitions()
  const target = useLinkedBody(
    collab.synced,
    bodies.map((b) => b.id),
  )

  const add = () => {
    const id = addBody(collab.doc, {
      name: t('governance.newBodyName'),
      level: 'operational',
      mandate: '',
      seats: {},
      decisionRule: 'consensus',
      quorum: 0,
      cadence: 'quarterly',
      chair: null,
    })
    notify(t('governance.bodyAdded'), 'success')
    window.requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-body-id="${id}"] [data-field="name"]`)?.focus())
  }

  const threadLabel = useCallback(
    (thread: CommentThread) => {
      if (thread.targetKind !== 'body') return t('comments.targets.decision')
      const body = bodies.find((b) => b.id === thread.targetId)?.body
      return t('comments.targets.body', { name: body?.name.trim() || t('governance.newBodyName') })
    },
    [t, bodies],
  )

  return (
    <TargetCommentsProvider docName="governance" labelOf={threadLabel}>
      <header className="page__header">
        <div>
          <h1 tabIndex={-1}>{t('governance.title')}</h1>
          <p className="muted">{t('governance.intro')}</p>
        </div>
        <ConnectionStatus snapshot={collab} />
      </header>
      {!abilities.editGovernance && <p className="notice">{t('governance.readOnly')}</p>}
      <aside aria-label={t('presence.title')} className="presence-bar">
        <PresenceList collab={collab} />
      </aside>
      {canEdit && (
        <p>
          <button type="button" className="button button--primary" onClick={add} data-testid="add-body">
            + {t('governance.addBody')}
          </button>
        </p>
      )}
      {collab.synced && bodies.length === 0 && <p className="empty">{t('governance.empty')}</p>}
      {!collab.synced && (
        <p className="muted" aria-busy="true">
          {t('documents.syncing')}
        </p>
      )}
      <div role="status" className="linked-body-status">
        {target.missing && <p className="notice">{t('charterLinks.missingBody')}</p>}
      </div>
      <div className="bodies">
        {bodies.map(({ id, body }) => (
          <BodyCard key={id} id={id} body={body} doc={collab.doc} canEdit={canEdit} charterDefinitions={charterDefinitions} />
        ))}
      </div>
    </TargetCommentsProvider>
  )
}

/**
 * A link to a body (`#instance-<id>`, GOV25): once the bodies are known, scroll to its card and move
 * focus there (after the page heading took it on navigation); say so politely if it no longer exists.
 */
function useLinkedBody(synced: boolean, ids: string[]): { missing: boolean } {
  const hash = useHash()
  const bodyId = hash.startsWith(BODY_ANCHOR_PREFIX) ? hash.slice(BODY_ANCHOR_PREFIX.length) : null
  const found = bodyId !== null && ids.includes(bodyId)
  useEffect(() => {
    if (!synced || !found || bodyId === null) return
    const frame = window.requestAnimationFrame(() => {
      const card = document.getElementById(bodyAnchorId(bodyId))
      card?.scrollIntoView({ block: 'start' })
      card?.focus({ preventScroll: true })
    })
    return () => window.cancelAnimationFrame(frame)
  }, [synced, found, bodyId])
  return { missing: synced && bodyId !== null && !found }
}
