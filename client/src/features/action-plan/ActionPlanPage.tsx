import { type CommentThread, PLAN_VIEW_NONE, planView, todayIso } from '@ensemble/shared'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useToasts } from '../../components/Toasts.tsx'
import { useMe } from '../auth/SessionContext.tsx'
import { CollabContext } from '../collab/CollabContext.tsx'
import { mark } from '../collab/marks.ts'
import { ConnectionStatus } from '../collab/ConnectionStatus.tsx'
import { type CollabDoc, useCollabDoc } from '../collab/useCollabDoc.ts'
import { TargetCommentsProvider } from '../comments/TargetComments.tsx'
import { PresenceList } from '../presence/PresenceList.tsx'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { ActionRow, columnNames, PLAN_COLUMN_KEYS, PLAN_COLUMNS } from './ActionRow.tsx'
import { planThreadLabel } from './commentTargets.ts'
import { isOverdue } from './overdue.ts'
import { PlanPeriod } from './PlanPeriod.tsx'
import { addAction } from './planWrites.ts'
import { useActionRules } from './useActionRules.ts'
import type { PlanSnapshot } from './planStore.ts'
import { usePlan } from './usePlan.ts'
import { useVisibleRows } from './useVisibleRows.ts'
import { useSteering } from '../objectives/useSteering.ts'
import { objectiveChoices } from './objectiveChoices.ts'
import { PlanViewControls } from './PlanViewControls.tsx'
import { usePlanViewQuery } from './usePlanViewQuery.ts'
import { ColumnChooser } from './ColumnChooser.tsx'
import { COLUMN_REM, usePlanColumns } from './planColumns.ts'
import { FieldPresenceAnnouncer } from '../presence/FieldPresenceAnnouncer.tsx'

/** One row of a filtered or grouped plan: a group's heading, or an action under it. */
type ViewRow = { kind: 'group'; key: string; count: number } | { kind: 'action'; id: string; instance: string }

/** Plan d'action: the live table of actions, edited cell by cell by everyone at once. */
export function ActionPlanPage() {
  const { t } = useTranslation()
  const collab = useCollabDoc('plan', { preview: true })
  return (
    <div className="page page--wide">
      {collab ? (
        <CollabContext.Provider value={collab}>
          <PlanBody collab={collab} />
        </CollabContext.Provider>
      ) : (
        // No heading until the document exists: the real one must be the one that gets focus.
        <p aria-busy="true">{t('app.loading')}</p>
      )}
    </div>
  )
}

/**
 * After a re-render has moved or created the row, put focus back where the user expects it. On a
 * long plan the row may be rendered a few frames later (windowing), so it is looked for a while.
 */
function focusLater(...selectors: string[]) {
  let frames = 10
  const attempt = () => {
    for (const selector of selectors) {
      const target = document.querySelector<HTMLElement>(selector)
      if (target) return target.focus()
    }
    if (--frames > 0) window.requestAnimationFrame(attempt)
  }
  window.requestAnimationFrame(attempt)
}

function PlanBody({ collab }: { collab: CollabDoc }) {
  const { t } = useTranslation()
  const me = useMe()
  const { workspace, abilities } = useWorkspace()
  const { notify } = useToasts()
  const live = usePlan(collab.doc)
  // Until the document is synced, a large plan's first rows (sent ahead of it) stand in, read-only.
  const preview = usePreviewRows(collab)
  const plan = preview ?? live
  const count = preview ? preview.count : plan.ids.length
  const rules = useActionRules(collab.doc)
  const columnsShown = usePlanColumns(me.id)
  const hidden = columnsShown.hidden
  const shownKeys = PLAN_COLUMN_KEYS.filter((key) => !hidden.has(key as never))
  // As wide as the columns it shows: with few columns the table fits a phone without scrolling.
  const tableRem = shownKeys.reduce((sum, key) => sum + COLUMN_REM[key], 0)
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set())
  const body = useRef<HTMLTableSectionElement>(null)
  // Only the rows in the viewport at first (the preview's, then the live ones): the rows rendered
  // around them for scrolling and keyboard focus (overscan) come once those are painted.
  const [overscan, setOverscan] = useState(false)
  useEffect(() => {
    if (preview || overscan) return
    let timer = 0
    const frame = window.requestAnimationFrame(() => (timer = window.setTimeout(() => setOverscan(true), 0)))
    return () => {
      window.cancelAnimationFrame(frame)
      window.clearTimeout(timer)
    }
  }, [preview, overscan])
  // The objectives an action may serve; rebuilt only when they change (not on every indicator value).
  const steering = useSteering(collab.doc)
  const orphanTitle = t('plan.noParent')
  const objectivesKey = JSON.stringify([steering.strategic.map((o) => [o.id, o.title]), steering.operational.map((o) => [o.id, o.title, o.parentId])])
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on what the choices read, so rows keep their memo.
  const objectives = useMemo(() => objectiveChoices(steering.strategic, steering.operational, orphanTitle), [objectivesKey, orphanTitle])
  // Filtered or grouped by objective and partner (OBJ11), the query in the address; nothing computed when the whole plan shows.
  const [query, setQuery] = usePlanViewQuery()
  const viewActive = Boolean(query.objective || query.partner || query.group)
  const view = useMemo(() => {
    if (!viewActive || preview) return null
    const partnerOfMember = new Map(workspace.members.map((m) => [m.userId, m.partnerId]))
    const groups = planView(
      {
        ids: live.ids,
        byId: live.byId,
        partnerOf: (userId) => partnerOfMember.get(userId) ?? null,
        objectives: [...objectives.titles.keys()],
        partners: workspace.partners.map((p) => p.id),
      },
      query,
    )
    const rows: ViewRow[] = query.group
      ? groups.flatMap((g): ViewRow[] => [
          { kind: 'group', key: g.key, count: g.ids.length },
          ...g.ids.map((id): ViewRow => ({ kind: 'action', id, instance: g.key })),
        ])
      : (groups[0]?.ids ?? []).map((id): ViewRow => ({ kind: 'action', id, instance: '' }))
    const planIndex = new Map(live.ids.map((id, i) => [id, i]))
    return { rows, planIndex, shown: new Set(groups.flatMap((g) => g.ids)).size }
  }, [viewActive, preview, query, live, objectives, workspace.members, workspace.partners])
  const rowCount = view ? view.rows.length : count
  const visible = useVisibleRows(body, rowCount, { overscan })
  const partnerName = (id: string) => workspace.partners.find((p) => p.id === id)?.name ?? t('plan.view.unknownPartner')
  const groupTitle = (key: string) =>
    query.group === 'objective'
      ? key === PLAN_VIEW_NONE
        ? t('plan.view.noObjective')
        : (objectives.titles.get(key) ?? key)
      : key === PLAN_VIEW_NONE
        ? t('plan.view.noPartner')
        : partnerName(key)
  const today = todayIso()
  const columns = columnNames(t)
  const hasRows = plan.ids.length > 0
  useEffect(() => {
    if (hasRows) mark(preview ? 'plan:preview-rendered' : 'plan:rows-rendered')
  }, [hasRows, preview])
  // Its rows are on screen: the document, held behind them, can be applied now.
  useEffect(() => {
    if (preview) collab.connection.previewShown()
  }, [preview, collab.connection])
  // Every action is read: once per change of the plan, not on every render of the page.
  const overdue = useMemo(
    () =>
      live.ids.filter((id) => {
        const action = live.byId.get(id)
        return action && isOverdue(action, today)
      }).length,
    [live, today],
  )

  const toggle = useCallback((id: string) => {
    setExpanded((current) => {
      const next = new Set(current)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  }, [])
  const onMoved = useCallback((id: string, direction: -1 | 1) => {
    // The moved button, unless the row reached the end and it is now disabled.
    focusLater(`[data-action-id="${id}"] [data-tool="${direction === -1 ? 'up' : 'down'}"]:not(:disabled)`, `[data-action-id="${id}"] [data-tool="details"]`)
  }, [])

  const add = () => {
    const id = addAction(collab.doc, t('plan.newActionTitle'))
    // New actions go last: bring the end of a long (windowed) plan on screen.
    visible.reveal(live.ids.length)
    notify(t('plan.actionAdded'), 'success')
    focusLater(`[data-action-id="${id}"] [data-field="title"]`)
  }

  // « la colonne Échéance de « Baliser le sentier » », for the announcement of who edits what.
  const describeFocus = useCallback(
    (focus: { entity: string; field: string }) => {
      const id = focus.entity.startsWith('actions/') ? focus.entity.slice('actions/'.length) : null
      const action = id ? live.byId.get(id) : undefined
      const column = (columns as Record<string, string>)[focus.field]
      if (!action || !column) return null
      return t('plan.cellLabel', { column, title: action.title.trim() || t('plan.untitled') })
    },
    [live, columns, t],
  )

  const threadLabel = useCallback((thread: CommentThread) => planThreadLabel(t, thread, (id) => live.byId.get(id)), [t, live])

  return (
    <TargetCommentsProvider docName="plan" labelOf={threadLabel}>
      <header className="page__header">
        <div>
          <h1 tabIndex={-1}>{t('plan.title')}</h1>
          {overdue > 0 && <p className="badge badge--overdue">{t('plan.overdueCount', { count: overdue })}</p>}
        </div>
        <ConnectionStatus snapshot={collab} />
      </header>
      {!abilities.proposeActions && !abilities.createActions && <p className="notice">{t('plan.readOnly')}</p>}
      <div className="plan-toolbar">
        <PlanPeriod doc={collab.doc} plan={plan} canEdit={abilities.editPlanMeta && collab.synced} />
        <PlanViewControls
          query={query}
          onChange={setQuery}
          objectives={objectives}
          partners={workspace.partners}
          shown={view?.shown ?? live.ids.length}
          total={live.ids.length}
        />
        <ColumnChooser hidden={hidden} onToggle={columnsShown.toggle} />
        {(abilities.createActions || abilities.proposeActions) && (
          <button type="button" className="button button--primary" onClick={add} disabled={!collab.synced} data-testid="add-action">
            + {t('plan.addAction')}
          </button>
        )}
      </div>
      <aside aria-label={t('presence.title')} className="presence-bar">
        <PresenceList collab={collab} />
        <FieldPresenceAnnouncer awareness={collab.awareness} describe={describeFocus} />
      </aside>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the table scrolls sideways inside this region; a keyboard user reaches it to scroll it (axe scrollable-region-focusable). */}
      <section className="table-scroll" aria-labelledby="plan-caption" tabIndex={0}>
        {/* Rows are counted from the header row (1); a long plan renders only the rows near the viewport. */}
        <table
          className={`plan-table${[...hidden].map((key) => ` hide-${key}`).join('')}`}
          data-testid="plan-table"
          style={{ width: `max(100%, ${tableRem}rem)` }}
          aria-rowcount={rowCount + 1}
          aria-busy={preview ? true : undefined}
        >
          <caption id="plan-caption">{t('plan.tableCaption')}</caption>
          <colgroup>
            {shownKeys.map((key) => (
              <col key={key} className={`col-${key}`} />
            ))}
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              {shownKeys.map((key) => (
                <th key={key} scope="col" className={`col-${key}`}>
                  {key === 'order' ? t('plan.columns.order') : key === 'tools' ? t('plan.columns.tools') : columns[key]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody ref={body}>
            {visible.before > 0 && <SpacerRow height={visible.before} />}
            {view?.rows.slice(visible.start, visible.end).map((row, offset) => {
              const rowIndex = visible.start + offset + 2
              if (row.kind === 'group') return <GroupRow key={`group:${row.key}`} title={groupTitle(row.key)} count={row.count} rowIndex={rowIndex} />
              const action = plan.byId.get(row.id)
              if (!action) return null
              return (
                <ActionRow
                  key={`${row.instance}:${row.id}`}
                  id={row.id}
                  action={action}
                  index={view.planIndex.get(row.id) ?? 0}
                  count={count}
                  doc={collab.doc}
                  members={workspace.members}
                  userId={me.id}
                  abilities={abilities}
                  rules={rules}
                  today={today}
                  expanded={expanded.has(row.id)}
                  onToggleExpanded={toggle}
                  onMoved={onMoved}
                  objectives={objectives}
                  rowIndex={rowIndex}
                  reorderable={false}
                  instance={row.instance}
                  hidden={hidden}
                />
              )
            })}
            {!view &&
              plan.ids.slice(visible.start, visible.end).map((id, offset) => {
                const action = plan.byId.get(id)
                if (!action) return null
                const index = visible.start + offset
                return (
                  <ActionRow
                    key={id}
                    id={id}
                    action={action}
                    index={index}
                    count={count}
                    doc={collab.doc}
                    members={workspace.members}
                    userId={me.id}
                    abilities={abilities}
                    rules={rules}
                    today={today}
                    expanded={expanded.has(id)}
                    onToggleExpanded={toggle}
                    onMoved={onMoved}
                    readOnly={preview !== null}
                    objectives={objectives}
                    hidden={hidden}
                  />
                )
              })}
            {visible.after > 0 && <SpacerRow height={visible.after} />}
          </tbody>
        </table>
        {collab.synced && live.ids.length === 0 && <p className="empty">{t('plan.empty')}</p>}
        {view && view.rows.length === 0 && live.ids.length > 0 && <p className="empty">{t('plan.view.empty')}</p>}
        {!collab.synced && (
          <p className="muted" aria-busy="true">
            {t('documents.syncing')}
          </p>
        )}
      </section>
    </TargetCommentsProvider>
  )
}

/** The preview of a large plan (message type 103) as the table reads a plan, while the document is not synced. */
function usePreviewRows(collab: CollabDoc): (PlanSnapshot & { count: number }) | null {
  const preview = collab.synced ? null : collab.preview
  return useMemo(
    () => (preview ? { ids: preview.rows.map((row) => row.id), byId: new Map(preview.rows.map((row) => [row.id, row.action])), count: preview.count } : null),
    [preview],
  )
}

/** The heading of a group of the plan (by objective or partner, OBJ11), with how many actions it holds. */
function GroupRow({ title, count, rowIndex }: { title: string; count: number; rowIndex: number }) {
  const { t } = useTranslation()
  return (
    <tr className="plan-group" aria-rowindex={rowIndex} data-testid="plan-group">
      <td colSpan={PLAN_COLUMNS}>
        <h2 className="plan-group__title">
          {title} <span className="plan-group__count">{t('plan.view.groupCount', { count })}</span>
        </h2>
      </td>
    </tr>
  )
}

/** Stands for the rows of a long plan that are not rendered, so the page keeps its scroll length. */
function SpacerRow({ height }: { height: number }) {
  return (
    // biome-ignore lint/a11y/noAriaHiddenOnFocusable: an empty row holding the height of the rows not rendered; nothing in it takes focus.
    <tr aria-hidden="true" className="plan-spacer">
      <td colSpan={PLAN_COLUMNS} style={{ height, padding: 0, border: 0 }} />
    </tr>
  )
}
