import { type Action, type Resource, RESOURCE_UNITS, resourceSchema } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { DataTable } from '../../components/DataTable.tsx'
import { Field } from '../../components/Field.tsx'
import { useSchemaForm } from '../../components/form/useSchemaForm.ts'
import { NumberCell } from '../collab/cells/NumberCell.tsx'
import { SelectCell } from '../collab/cells/SelectCell.tsx'
import { TextCell } from '../collab/cells/TextCell.tsx'
import { writeUnlessRefused } from '../collab/cells/writeUnlessRefused.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { addResource, removeNested, setNestedField } from './planWrites.ts'

type Unit = Resource['unit']

interface ResourceListProps {
  actionId: string
  resources: Record<string, Resource>
  title: string
  doc: Y.Doc
  canEdit: boolean
  check(change: Partial<Action>): string | null
}

/** Ressources: what each partner brings to the action (money, days, staff…). */
export function ResourceList({ actionId, resources, title, doc, canEdit, check }: ResourceListProps) {
  const { t } = useTranslation()
  /** The action's rules on one changed field of one resource. */
  const checkField = (id: string, field: keyof Resource, value: unknown): string | null =>
    check({ resources: { ...resources, [id]: { ...resources[id]!, [field]: value } } })
  const { workspace } = useWorkspace()
  const entries = Object.entries(resources).sort(([a], [b]) => (a < b ? -1 : 1))
  const headingId = `resources-${actionId}`
  /** A row's collaborative address, and its name in labels (the action's title while it has none). */
  const named = (id: string, resource: Resource) => ({ entity: `actions/${actionId}/resources/${id}`, name: resource.label || title })
  const units = RESOURCE_UNITS.map((u) => ({ value: u, label: t(`plan.units.${u}`) }))
  const partners = workspace.partners.map((p) => ({ value: p.id, label: p.name }))
  return (
    <section className="action-detail__part" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('plan.resources')}</h3>
      {entries.length === 0 ? (
        <p className="empty">{t('plan.noResources')}</p>
      ) : (
        <DataTable
          caption={`${t('plan.resources')} — ${title}`}
          compact
          rows={entries}
          rowKey={([id]) => id}
          rowProps={([id]) => ({ 'data-resource-id': id })}
          columns={[
            {
              key: 'label',
              header: t('plan.resourceLabel'),
              cell: ([id, resource]) => {
                const { entity, name } = named(id, resource)
                return (
                  <TextCell
                    label={`${t('plan.resourceLabel')} — ${name}`}
                    value={resource.label}
                    entity={entity}
                    field="label"
                    readOnly={!canEdit}
                    validate={(v) => checkField(id, 'label', v.trim())}
                    onCommit={(v) => setNestedField(doc, actionId, 'resources', id, 'label', v.trim())}
                  />
                )
              },
            },
            {
              key: 'amount',
              header: t('plan.amount'),
              cell: ([id, resource]) => {
                const { entity, name } = named(id, resource)
                return (
                  <NumberCell
                    label={`${t('plan.amount')} — ${name}`}
                    value={resource.amount}
                    entity={entity}
                    field="amount"
                    readOnly={!canEdit}
                    min={0}
                    step={0.5}
                    validate={(v) => checkField(id, 'amount', Number(v))}
                    onCommit={(v) => setNestedField(doc, actionId, 'resources', id, 'amount', v)}
                  />
                )
              },
            },
            {
              key: 'unit',
              header: t('plan.unit'),
              cell: ([id, resource]) => {
                const { entity, name } = named(id, resource)
                return (
                  <SelectCell<Unit>
                    label={`${t('plan.unit')} — ${name}`}
                    value={resource.unit}
                    options={units}
                    entity={entity}
                    field="unit"
                    disabled={!canEdit}
                    onCommit={(v) =>
                      v ? writeUnlessRefused(checkField(id, 'unit', v), () => setNestedField(doc, actionId, 'resources', id, 'unit', v)) : null
                    }
                  />
                )
              },
            },
            {
              key: 'partner',
              header: t('plan.resourcePartner'),
              cell: ([id, resource]) => {
                const { entity, name } = named(id, resource)
                return (
                  <SelectCell<string>
                    label={`${t('plan.resourcePartner')} — ${name}`}
                    value={resource.partnerId}
                    options={partners}
                    entity={entity}
                    field="partnerId"
                    disabled={!canEdit}
                    onCommit={(v) =>
                      v ? writeUnlessRefused(checkField(id, 'partnerId', v), () => setNestedField(doc, actionId, 'resources', id, 'partnerId', v)) : null
                    }
                  />
                )
              },
            },
            canEdit && {
              key: 'remove',
              header: t('common.delete'),
              headerHidden: true,
              cell: ([id, resource]) => {
                const { name } = named(id, resource)
                return (
                  <button
                    type="button"
                    className="button button--small button--danger"
                    aria-label={t('plan.removeResource', { label: name })}
                    onClick={() => removeNested(doc, actionId, 'resources', id)}
                  >
                    ×
                  </button>
                )
              },
            },
          ]}
        />
      )}
      {canEdit &&
        (partners.length ? (
          <AddResourceForm actionId={actionId} doc={doc} units={units} partners={partners} />
        ) : (
          <p className="muted">{t('plan.needPartner')}</p>
        ))}
    </section>
  )
}

interface AddResourceFormProps {
  actionId: string
  doc: Y.Doc
  units: { value: Unit; label: string }[]
  partners: { value: string; label: string }[]
}

function AddResourceForm({ actionId, doc, units, partners }: AddResourceFormProps) {
  const { t } = useTranslation()
  const { form, set, bind, errorOf, onSubmit } = useSchemaForm(resourceSchema, {
    defaultValues: { label: '', amount: '', unit: 'EUR' as Unit, partnerId: partners[0]?.value ?? '' },
    prepare: (values) => ({ ...values, amount: values.amount.trim() === '' ? Number.NaN : Number(values.amount) }),
    fieldMessages: { amount: t('errors.invalidNumber') },
  })
  const submit = onSubmit(async (resource) => {
    addResource(doc, actionId, resource)
    // The unit and the partner stay chosen for the next line.
    form.clearErrors()
    set('label', '')
    set('amount', '')
  })

  return (
    <form className="form form--row form--compact" onSubmit={submit} noValidate>
      <Field label={t('plan.resourceLabel')} error={errorOf('label')}>
        {(control) => <input {...control} {...bind('label')} />}
      </Field>
      <Field label={t('plan.amount')} error={errorOf('amount')}>
        {(control) => <input {...control} type="number" min={0} step="any" inputMode="decimal" {...bind('amount')} />}
      </Field>
      <Field label={t('plan.unit')}>
        {(control) => (
          <select {...control} {...bind('unit')}>
            {units.map((u) => (
              <option key={u.value} value={u.value}>
                {u.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('plan.resourcePartner')} error={errorOf('partnerId')}>
        {(control) => (
          <select {...control} {...bind('partnerId')}>
            {partners.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className="button button--small">
        {t('plan.addResource')}
      </button>
    </form>
  )
}
