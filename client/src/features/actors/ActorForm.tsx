import { actorInputSchema, actorsOf, buildActor, familyOf, newId, PARTNER_TYPES, type PartnerType, validateActor } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { Field } from '../../components/Field.tsx'
import { useSchemaForm } from '../../components/form/useSchemaForm.ts'
import { useToasts } from '../../components/Toasts.tsx'
import { currentLocale } from '../../i18n/index.ts'
import type { ActorsPageContext } from './pageContext.ts'

interface ActorFormValues {
  name: string
  type: PartnerType
  expectations: string
  influence: string
  interest: string
  nuisance: string
  perimeter: string
  synergies: string
}

const LEVELS = ['1', '2', '3', '4', '5']
const FORM_FIELDS: ReadonlySet<string> = new Set(['name', 'type', 'expectations', 'influence', 'interest', 'nuisance', 'perimeter', 'synergies'])

/** « Ajouter un acteur » (steering): checked by the shared schema and rules (MAP1) before it is written into the map. */
export function ActorForm({ page }: { page: ActorsPageContext }) {
  const { t } = useTranslation()
  const { notify } = useToasts()
  const locale = currentLocale()
  const { set, values, bind, errorOf, fieldError, onSubmit, form } = useSchemaForm<ActorFormValues, unknown>(actorInputSchema, {
    defaultValues: { name: '', type: 'association', expectations: '', influence: '3', interest: '3', nuisance: '1', perimeter: '', synergies: '' },
    prepare: (v) => ({ ...v, influence: Number(v.influence), interest: Number(v.interest), nuisance: Number(v.nuisance), status: 'identified', scores: {} }),
  })
  const submit = onSubmit(async (data) => {
    const input = data as Parameters<typeof buildActor>[0]
    const [violation] = validateActor({ ...input, partnerId: null }, () => true, 'actor')
    if (violation) {
      const field = violation.field && FORM_FIELDS.has(violation.field) ? (violation.field as keyof ActorFormValues) : 'name'
      fieldError(field, violation.message[locale] ?? violation.message.fr)
      return
    }
    actorsOf(page.doc).set(newId(), buildActor(input))
    notify(t('actors.added', { name: input.name }), 'success')
    form.clearErrors()
    set('name', '')
    set('expectations', '')
    set('perimeter', '')
    set('synergies', '')
  })
  const level = (name: 'influence' | 'interest' | 'nuisance') => (
    <Field label={t(`actors.fields.${name}`)} error={errorOf(name)}>
      {(control) => (
        <select {...control} {...bind(name)} data-testid={`actor-${name}`}>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
  return (
    <section aria-labelledby="add-actor-heading">
      <h2 id="add-actor-heading">{t('actors.add')}</h2>
      <form className="form form--row form--compact" onSubmit={submit} noValidate data-testid="actor-form">
        <Field label={t('actors.fields.name')} error={errorOf('name')}>
          {(control) => <input {...control} {...bind('name')} data-testid="actor-name" />}
        </Field>
        <Field label={t('actors.fields.type')} hint={t('members.familyOf', { family: t(`families.${familyOf(values.type)}`) })} error={errorOf('type')}>
          {(control) => (
            <select {...control} {...bind('type')} data-testid="actor-type">
              {PARTNER_TYPES.map((value) => (
                <option key={value} value={value}>
                  {t(`partnerTypes.${value}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {level('influence')}
        {level('interest')}
        {level('nuisance')}
        <Field label={t('actors.fields.perimeter')} error={errorOf('perimeter')}>
          {(control) => <input {...control} {...bind('perimeter')} />}
        </Field>
        <Field label={t('actors.fields.expectations')} error={errorOf('expectations')}>
          {(control) => <textarea {...control} rows={2} {...bind('expectations')} />}
        </Field>
        <Field label={t('actors.fields.synergies')} error={errorOf('synergies')}>
          {(control) => <textarea {...control} rows={2} {...bind('synergies')} />}
        </Field>
        <button type="submit" className="button button--primary">
          {t('common.add')}
        </button>
      </form>
    </section>
  )
}
