import { can } from '@ensemble/shared'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useMe } from '../auth/SessionContext.tsx'
import { CollabContext } from '../collab/CollabContext.tsx'
import { ConnectionStatus } from '../collab/ConnectionStatus.tsx'
import { type CollabDoc, useCollabDoc } from '../collab/useCollabDoc.ts'
import { PresenceList } from '../presence/PresenceList.tsx'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { ActorCard } from './ActorCard.tsx'
import { ActorForm } from './ActorForm.tsx'
import { ActorsGrid } from './ActorsGrid.tsx'
import { ActorFilter, ActorsTable, Shortlist, useActorFilter } from './ActorsTable.tsx'
import { CriteriaSection } from './CriteriaSection.tsx'
import type { ActorsPageContext } from './pageContext.ts'
import { useActors } from './useActors.ts'
import './actors.css'

/** « Cartographie des acteurs » (MAP): the actors the alliance could involve, as a grid and a table, co-edited live. */
export function ActorsPage() {
  const { t } = useTranslation()
  const collab = useCollabDoc('actors')
  return (
    <div className="page page--wide actors">
      {collab ? (
        <CollabContext.Provider value={collab}>
          <ActorsBody collab={collab} />
        </CollabContext.Provider>
      ) : (
        <p aria-busy="true">{t('app.loading')}</p>
      )}
    </div>
  )
}

function ActorsBody({ collab }: { collab: CollabDoc }) {
  const { t } = useTranslation()
  const me = useMe()
  const { workspace } = useWorkspace()
  const map = useActors(collab.doc)
  const filter = useActorFilter(map.actors)
  const [openId, setOpenId] = useState<string | null>(null)
  const open = useCallback((id: string) => {
    setOpenId(id)
    // The card's heading takes the focus once it is drawn.
    requestAnimationFrame(() => document.getElementById('actor-card-heading')?.focus())
  }, [])
  const actor = { role: workspace.role }
  const page: ActorsPageContext = {
    doc: collab.doc,
    map,
    userId: me.id,
    role: workspace.role,
    canMap: can(actor, 'actors.map'),
    canContact: can(actor, 'actors.contact'),
    partnerName: (id) => workspace.partners.find((p) => p.id === id)?.name ?? null,
  }
  const opened = openId ? map.actors.find((a) => a.id === openId) : undefined
  return (
    <>
      <header className="page__header">
        <h1 tabIndex={-1}>{t('actors.title')}</h1>
        <ConnectionStatus snapshot={collab} />
      </header>
      <aside aria-label={t('presence.title')} className="presence-bar">
        <PresenceList collab={collab} />
      </aside>
      <p className="page__intro">{t('actors.intro')}</p>
      {!page.canMap && <p className="notice">{t('actors.readOnly')}</p>}
      {collab.synced && (
        <>
          <ActorFilter filter={filter} total={map.actors.length} />
          <div className="actors__views">
            <section aria-labelledby="grid-heading">
              <h2 id="grid-heading">{t('actors.gridTitle')}</h2>
              <p className="field__hint">{t('actors.gridHint')}</p>
              <ActorsGrid actors={filter.shown} onOpen={open} />
            </section>
            {opened && <ActorCard page={page} actor={opened} onClose={() => setOpenId(null)} />}
          </div>
          <section aria-labelledby="table-heading">
            <h2 id="table-heading">{t('actors.tableTitle')}</h2>
            {map.actors.length === 0 ? <p>{t('actors.none')}</p> : <ActorsTable actors={filter.shown} onOpen={open} />}
          </section>
          <Shortlist actors={map.actors} />
          {page.canMap && <ActorForm page={page} />}
          <CriteriaSection page={page} />
        </>
      )}
    </>
  )
}
