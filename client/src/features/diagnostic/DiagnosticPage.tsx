import { can, diagNeedsEntity, validatePartnerNeeds, type DiagnosticItem } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { blame } from '../collab/blame.ts'
import { CollabContext } from '../collab/CollabContext.tsx'
import { ConnectionStatus } from '../collab/ConnectionStatus.tsx'
import { type CollabDoc, useCollabDoc } from '../collab/useCollabDoc.ts'
import { LiveField } from '../objectives/LiveField.tsx'
import { PresenceList } from '../presence/PresenceList.tsx'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { addPartnerItem, addSharedItem, pickIntoShared, setNeeds } from './diagnosticWrites.ts'
import { MatrixView } from './MatrixView.tsx'
import type { DiagnosticPageContext } from './pageContext.ts'
import { ProjectForm } from './ProjectForm.tsx'
import { useDiagnostic } from './useDiagnostic.ts'
import './diagnostic.css'

/** « Diagnostic et projet » (DIAG, PROJ): the partners' MOFF matrices, the shared one and the project, co-edited live. */
export function DiagnosticPage() {
  const { t } = useTranslation()
  const collab = useCollabDoc('diagnostic')
  return (
    <div className="page page--wide diagnostic">
      {collab ? (
        <CollabContext.Provider value={collab}>
          <DiagnosticBody collab={collab} />
        </CollabContext.Provider>
      ) : (
        <p aria-busy="true">{t('app.loading')}</p>
      )}
    </div>
  )
}

function DiagnosticBody({ collab }: { collab: CollabDoc }) {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const snapshot = useDiagnostic(collab.doc)
  const actor = { role: workspace.role }
  const partnerId = workspace.partnerId
  const page: DiagnosticPageContext = {
    doc: collab.doc,
    snapshot,
    partnerId,
    canOwnMatrix: partnerId !== null && can(actor, 'diagnostic.ownMatrix', { ownPartner: true }),
    canShared: can(actor, 'diagnostic.shared'),
    canProject: can(actor, 'diagnostic.project'),
    partners: new Set(workspace.partners.map((p) => p.id)),
    partnerName: (id) => workspace.partners.find((p) => p.id === id)?.name ?? t('diagnostic.unknownPartner'),
  }
  const itemsOf = (owner: string) => Object.fromEntries(Object.entries(snapshot.items).filter(([, item]) => item.partnerId === owner))
  const others = workspace.partners.filter((p) => p.id !== partnerId && Object.values(snapshot.items).some((i) => i.partnerId === p.id))
  // DIAG3 before writing, like the server: the message shows beside the field.
  const checkNeeds = (owner: string, field: 'needs' | 'expectations', value: string) =>
    blame([], validatePartnerNeeds(owner, { [field]: value }, page.partners, diagNeedsEntity(owner)), [field])
  const pick = page.canShared ? (id: string, item: DiagnosticItem) => pickIntoShared(collab.doc, id, item) : undefined
  return (
    <>
      <header className="page__header">
        <h1 tabIndex={-1}>{t('diagnostic.title')}</h1>
        <ConnectionStatus snapshot={collab} />
      </header>
      <aside aria-label={t('presence.title')} className="presence-bar">
        <PresenceList collab={collab} />
      </aside>
      <p className="page__intro">{t('diagnostic.intro')}</p>
      {collab.synced && (
        <>
          <section aria-labelledby="diagnostic-mine">
            {partnerId === null ? (
              <>
                <h2 id="diagnostic-mine">{t('diagnostic.othersTitle')}</h2>
                <p className="notice">{t('diagnostic.noPartner')}</p>
              </>
            ) : (
              <>
                <h2 id="diagnostic-mine">{t('diagnostic.myMatrix', { partner: page.partnerName(partnerId) })}</h2>
                {!page.canOwnMatrix && <p className="notice">{t('diagnostic.readOnlyOwn')}</p>}
                <MatrixView
                  page={page}
                  root="items"
                  owner={page.partnerName(partnerId)}
                  entries={itemsOf(partnerId)}
                  editable={page.canOwnMatrix}
                  onAdd={(quadrant, text) => addPartnerItem(collab.doc, partnerId, quadrant, text)}
                  onPick={pick}
                  testId="my-matrix"
                />
                <h3>{t('diagnostic.needsTitle')}</h3>
                <LiveField
                  kind="textarea"
                  label={t('diagnostic.needs')}
                  value={snapshot.needs[partnerId]?.needs ?? ''}
                  readOnly={!page.canOwnMatrix}
                  validate={(v) => checkNeeds(partnerId, 'needs', v)}
                  onCommit={(v) => setNeeds(collab.doc, partnerId, 'needs', v)}
                />
                <LiveField
                  kind="textarea"
                  label={t('diagnostic.expectations')}
                  value={snapshot.needs[partnerId]?.expectations ?? ''}
                  readOnly={!page.canOwnMatrix}
                  validate={(v) => checkNeeds(partnerId, 'expectations', v)}
                  onCommit={(v) => setNeeds(collab.doc, partnerId, 'expectations', v)}
                />
              </>
            )}
          </section>
          <section aria-labelledby="diagnostic-others">
            <h2 id="diagnostic-others">{t('diagnostic.othersTitle')}</h2>
            {others.length === 0 && <p>{t('diagnostic.noOthers')}</p>}
            {others.map((partner) => (
              <section key={partner.id} aria-labelledby={`diagnostic-partner-${partner.id}`} className="diagnostic__other">
                <h3 id={`diagnostic-partner-${partner.id}`}>{t('diagnostic.partnerMatrix', { partner: partner.name })}</h3>
                <MatrixView
                  page={page}
                  root="items"
                  owner={partner.name}
                  entries={itemsOf(partner.id)}
                  editable={false}
                  onPick={pick}
                  testId={`matrix-${partner.id}`}
                />
                {(snapshot.needs[partner.id]?.needs || snapshot.needs[partner.id]?.expectations) && (
                  <dl className="diagnostic__needs">
                    <dt>{t('diagnostic.needs')}</dt>
                    <dd>{snapshot.needs[partner.id]?.needs}</dd>
                    <dt>{t('diagnostic.expectations')}</dt>
                    <dd>{snapshot.needs[partner.id]?.expectations}</dd>
                  </dl>
                )}
              </section>
            ))}
          </section>
          <section aria-labelledby="diagnostic-shared">
            <h2 id="diagnostic-shared">{t('diagnostic.sharedTitle')}</h2>
            <p>{t('diagnostic.sharedIntro')}</p>
            <MatrixView
              page={page}
              root="shared"
              owner={t('diagnostic.sharedOwner')}
              entries={snapshot.shared}
              editable={page.canShared}
              onAdd={page.canShared ? (quadrant, text) => addSharedItem(collab.doc, quadrant, text) : undefined}
              testId="shared-matrix"
            />
          </section>
          <ProjectForm page={page} workspaceId={workspace.id} />
        </>
      )}
    </>
  )
}
