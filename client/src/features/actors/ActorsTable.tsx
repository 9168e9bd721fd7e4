import { ACTOR_STATUSES, type ActorStatus, shortlist } from '@ensemble/shared'
import { useDeferredValue, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DataTable } from '../../components/DataTable.tsx'
import { Field } from '../../components/Field.tsx'
import type { ActorRow } from './useActors.ts'

/** Rows of the table drawn at first and added by « Afficher plus ». */
const TABLE_PAGE = 100

const formatScore = (score: number | null, none: string) => (score === null ? none : score.toLocaleString('fr-FR', { maximumFractionDigits: 2 }))

/** Actors matching the filter text (name, type, family, perimeter) and status. */
export function useActorFilter(actors: readonly ActorRow[]) {
  const { t } = useTranslation()
  const [query, setQuery] = useState('')
  const [status, setStatus] = useState<ActorStatus | ''>('')
  const deferred = useDeferredValue(query)
  const shown = useMemo(() => {
    const needle = deferred.trim().toLocaleLowerCase('fr')
    return actors.filter(
      (a) =>
        (status === '' || a.status === status) &&
        (needle === '' || `${a.name} ${t(`partnerTypes.${a.type}`)} ${t(`families.${a.family}`)} ${a.perimeter}`.toLocaleLowerCase('fr').includes(needle)),
    )
  }, [actors, deferred, status, t])
  return { query, setQuery, status, setStatus, shown }
}

export function ActorFilter({ filter, total }: { filter: ReturnType<typeof useActorFilter>; total: number }) {
  const { t } = useTranslation()
  return (
    <div className="form form--row form--compact">
      <Field label={t('actors.filter')}>
        {(control) => <input {...control} type="search" value={filter.query} onChange={(e) => filter.setQuery(e.target.value)} data-testid="actors-filter" />}
      </Field>
      <Field label={t('actors.filterStatus')}>
        {(control) => (
          <select {...control} value={filter.status} onChange={(e) => filter.setStatus(e.target.value as ActorStatus | '')}>
            <option value="">{t('actors.allStatuses')}</option>
            {ACTOR_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`actors.statuses.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <p aria-live="polite" className="field__hint" data-testid="actors-shown">
        {t('actors.shown', { shown: filter.shown.length, total })}
      </p>
    </div>
  )
}

/** The table of actors: the same facts as the grid, for reading and for screen readers. */
export function ActorsTable({ actors, onOpen }: { actors: readonly ActorRow[]; onOpen(id: string): void }) {
  const { t } = useTranslation()
  // A long map is drawn a page at a time: the grid shows every actor, the filter finds any of them.
  const [limit, setLimit] = useState(TABLE_PAGE)
  const rows = actors.length > limit ? actors.slice(0, limit) : actors
  return (
    <>
      <DataTable
        caption={t('actors.tableTitle')}
        testId="actors-table"
        scrolls
        compact
        rows={rows}
        rowKey={(a) => a.id}
        rowProps={(a) => ({ 'data-actor': a.id })}
        columns={[
          { key: 'name', header: t('actors.columns.name'), rowHeader: true, cell: (a) => a.name },
          { key: 'type', header: t('actors.columns.type'), cell: (a) => t(`partnerTypes.${a.type}`) },
          { key: 'family', header: t('actors.columns.family'), cell: (a) => t(`families.${a.family}`) },
          { key: 'influence', header: t('actors.columns.influence'), cell: (a) => a.influence },
          { key: 'interest', header: t('actors.columns.interest'), cell: (a) => a.interest },
          { key: 'nuisance', header: t('actors.columns.nuisance'), cell: (a) => a.nuisance },
          { key: 'score', header: t('actors.columns.score'), cell: (a) => formatScore(a.score, t('actors.noScore')) },
          { key: 'status', header: t('actors.columns.status'), cell: (a) => t(`actors.statuses.${a.status}`) },
          {
            key: 'open',
            header: t('actors.columns.open'),
            headerHidden: true,
            cell: (a) => (
              <button type="button" className="button button--small" onClick={() => onOpen(a.id)}>
                {t('actors.open', { name: a.name })}
              </button>
            ),
          },
        ]}
      />
      {rows.length < actors.length && (
        <p>
          {t('actors.tablePage', { shown: rows.length, total: actors.length })}{' '}
          <button type="button" className="button button--small" onClick={() => setLimit((l) => l + TABLE_PAGE)} data-testid="actors-more">
            {t('actors.showMore', { count: Math.min(TABLE_PAGE, actors.length - rows.length) })}
          </button>
        </p>
      )}
    </>
  )
}

/** The shortlist (MAP5): shortlisted actors, best score first. */
export function Shortlist({ actors }: { actors: readonly ActorRow[] }) {
  const { t } = useTranslation()
  const list = shortlist(actors)
  return (
    <section aria-labelledby="shortlist-heading">
      <h2 id="shortlist-heading">{t('actors.shortlistTitle')}</h2>
      {list.length === 0 ? (
        <p>{t('actors.shortlistEmpty')}</p>
      ) : (
        <ol data-testid="actors-shortlist">
          {list.map((a) => (
            <li key={a.id}>
              {a.name} — {t('actors.columns.score')} {formatScore(a.score, t('actors.noScore'))}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
