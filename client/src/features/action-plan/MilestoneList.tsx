import { type Action, type Milestone, milestoneSchema } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { DataTable } from '../../components/DataTable.tsx'
import { Field } from '../../components/Field.tsx'
import { useSchemaForm } from '../../components/form/useSchemaForm.ts'
import { useToasts } from '../../components/Toasts.tsx'
import { DateCell } from '../collab/cells/DateCell.tsx'
import { TextCell } from '../collab/cells/TextCell.tsx'
import { addMilestone, removeNested, setNestedField } from './planWrites.ts'

interface MilestoneListProps {
  actionId: string
  milestones: Record<string, Milestone>
  title: string
  doc: Y.Doc
  canEdit: boolean
  check(change: Partial<Action>): string | null
}

/** Jalons: title, date, reached — each field written on its own, like the plan's cells. */
export function MilestoneList({ actionId, milestones, title, doc, canEdit, check }: MilestoneListProps) {
  const { t } = useTranslation()
  const { notify } = useToasts()
  /** The action's rules on one changed field of one milestone (dates within the action, done…). */
  const checkField = (id: string, field: keyof Milestone, value: unknown): string | null =>
    check({ milestones: { ...milestones, [id]: { ...milestones[id]!, [field]: value } } })
  const entries = Object.entries(milestones).sort(([a, x], [b, y]) => (x.order < y.order ? -1 : x.order > y.order ? 1 : a < b ? -1 : 1))
  const headingId = `milestones-${actionId}`
  /** A row's collaborative address, and its name in labels (the action's title while it has none). */
  const named = (id: string, milestone: Milestone) => ({ entity: `actions/${actionId}/milestones/${id}`, name: milestone.title || title })
  return (
    <section className="action-detail__part" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('plan.milestones')}</h3>
      {entries.length === 0 ? (
        <p className="empty">{t('plan.noMilestones')}</p>
      ) : (
        <DataTable
          caption={`${t('plan.milestones')} — ${title}`}
          compact
          rows={entries}
          rowKey={([id]) => id}
          rowProps={([id]) => ({ 'data-milestone-id': id })}
          columns={[
            {
              key: 'title',
              header: t('plan.milestoneTitle'),
              cell: ([id, milestone]) => {
                const { entity, name } = named(id, milestone)
                return (
                  <TextCell
                    label={`${t('plan.milestoneTitle')} — ${name}`}
                    value={milestone.title}
                    entity={entity}
                    field="title"
                    readOnly={!canEdit}
                    validate={(v) => checkField(id, 'title', v.trim())}
                    onCommit={(v) => setNestedField(doc, actionId, 'milestones', id, 'title', v.trim())}
                  />
                )
              },
            },
            {
              key: 'date',
              header: t('plan.milestoneDate'),
              cell: ([id, milestone]) => {
                const { entity, name } = named(id, milestone)
                return (
                  <DateCell
                    label={`${t('plan.milestoneDate')} — ${name}`}
                    value={milestone.date}
                    entity={entity}
                    field="date"
                    nullable={false}
                    readOnly={!canEdit}
                    validate={(v) => checkField(id, 'date', v)}
                    onCommit={(v) => v && setNestedField(doc, actionId, 'milestones', id, 'date', v)}
                  />
                )
              },
            },
            {
              key: 'done',
              header: t('plan.milestoneDone'),
              cell: ([id, milestone]) => {
                const { name } = named(id, milestone)
                return (
                  <input
                    type="checkbox"
                    aria-label={`${t('plan.milestoneDone')} — ${name}`}
                    checked={milestone.done === true}
                    disabled={!canEdit}
                    onChange={(e) => {
                      const problem = checkField(id, 'done', e.target.checked)
                      if (problem) notify(problem, 'error')
                      else setNestedField(doc, actionId, 'milestones', id, 'done', e.target.checked)
                    }}
                  />
                )
              },
            },
            canEdit && {
              key: 'remove',
              header: t('common.delete'),
              headerHidden: true,
              cell: ([id, milestone]) => {
                const { name } = named(id, milestone)
                return (
                  <button
                    type="button"
                    className="button button--small button--danger"
                    aria-label={t('plan.removeMilestone', { title: name })}
                    onClick={() => removeNested(doc, actionId, 'milestones', id)}
                  >
                    ×
                  </button>
                )
              },
            },
          ]}
        />
      )}
      {canEdit && <AddMilestoneForm actionId={actionId} doc={doc} milestones={milestones} check={check} />}
    </section>
  )
}

interface AddMilestoneFormProps {
  actionId: string
  doc: Y.Doc
  milestones: Record<string, Milestone>
  check(change: Partial<Action>): string | null
}

/** A new milestone as the form gives it: its order key is chosen when it is written. */
const newMilestoneSchema = milestoneSchema.omit({ order: true })

function AddMilestoneForm({ actionId, doc, milestones, check }: AddMilestoneFormProps) {
  const { t } = useTranslation()
  const { form, bind, errorOf, fieldError, onSubmit } = useSchemaForm(newMilestoneSchema, {
    defaultValues: { title: '', date: '' },
    prepare: (values) => ({ ...values, done: false }),
  })
  const submit = onSubmit(async (milestone) => {
    // The action's rules on the new milestone; any valid order key stands in for the check.
    const problem = check({ milestones: { ...milestones, new: { ...milestone, order: 'a0' } } })
    if (problem) return fieldError('date', problem)
    addMilestone(doc, actionId, milestone)
    form.reset()
  })

  return (
    <form className="form form--row form--compact" onSubmit={submit} noValidate>
      <Field label={t('plan.milestoneTitle')} error={errorOf('title')}>
        {(control) => <input {...control} {...bind('title')} />}
      </Field>
      <Field label={t('plan.milestoneDate')} error={errorOf('date')}>
        {(control) => <input {...control} type="date" {...bind('date')} />}
      </Field>
      <button type="submit" className="button button--small">
        {t('plan.addMilestone')}
      </button>
    </form>
  )
}
