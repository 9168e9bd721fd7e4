import { actorCriteriaOf, buildActorCriterion, keyBetween, newId, selectionCriterionSchema } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { DataTable } from '../../components/DataTable.tsx'
import { Field } from '../../components/Field.tsx'
import { useSchemaForm } from '../../components/form/useSchemaForm.ts'
import type { ActorsPageContext } from './pageContext.ts'

/** The selection criteria and their weights (MAP3): steering adds, reweighs and removes them; everyone reads them. */
export function CriteriaSection({ page }: { page: ActorsPageContext }) {
  const { t } = useTranslation()
  const { criteria } = page.map
  const last = criteria.at(-1)?.order ?? null
  const { bind, errorOf, onSubmit, set } = useSchemaForm<{ name: string; weight: string }, unknown>(selectionCriterionSchema, {
    defaultValues: { name: '', weight: '1' },
    prepare: (v) => ({ name: v.name, weight: Number(v.weight), order: keyBetween(last, null) }),
  })
  const submit = onSubmit(async (data) => {
    actorCriteriaOf(page.doc).set(newId(), buildActorCriterion(data as Parameters<typeof buildActorCriterion>[0]))
    set('name', '')
  })
  const reweigh = (id: string, weight: number) => actorCriteriaOf(page.doc).get(id)?.set('weight', weight)
  return (
    <section aria-labelledby="criteria-heading">
      <h2 id="criteria-heading">{t('actors.criteriaTitle')}</h2>
      <p className="field__hint">{t('actors.criteriaHint')}</p>
      {criteria.length === 0 ? (
        <p>{t('actors.noCriteria')}</p>
      ) : (
        <DataTable
          caption={t('actors.criteriaTitle')}
          compact
          rows={criteria}
          rowKey={(c) => c.id}
          columns={[
            { key: 'name', header: t('actors.criterionName'), rowHeader: true, cell: (c) => c.name },
            {
              key: 'weight',
              header: t('actors.criterionWeight'),
              cell: (c) =>
                page.canMap ? (
                  <select aria-label={`${t('actors.criterionWeight')} — ${c.name}`} value={c.weight} onChange={(e) => reweigh(c.id, Number(e.target.value))}>
                    {Array.from({ length: 10 }, (_, i) => i + 1).map((w) => (
                      <option key={w} value={w}>
                        {w}
                      </option>
                    ))}
                  </select>
                ) : (
                  c.weight
                ),
            },
            page.canMap && {
              key: 'remove',
              header: t('common.delete'),
              headerHidden: true,
              cell: (c) => (
                <button type="button" className="button button--small" onClick={() => actorCriteriaOf(page.doc).delete(c.id)}>
                  {t('actors.removeCriterion', { name: c.name })}
                </button>
              ),
            },
          ]}
        />
      )}
      {page.canMap && (
        <form className="form form--row form--compact" onSubmit={submit} noValidate data-testid="criterion-form">
          <Field label={t('actors.criterionName')} error={errorOf('name')}>
            {(control) => <input {...control} {...bind('name')} data-testid="criterion-name" />}
          </Field>
          <Field label={t('actors.criterionWeight')} error={errorOf('weight')}>
            {(control) => <input {...control} type="number" min={1} max={10} step={1} {...bind('weight')} data-testid="criterion-weight" />}
          </Field>
          <button type="submit" className="button">
            {t('actors.addCriterion')}
          </button>
        </form>
      )}
    </section>
  )
}
