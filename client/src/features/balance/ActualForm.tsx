import {
  actualEntrySchema,
  actualsOf,
  appendActual,
  can,
  frozenPeriodsOf,
  LIMITS,
  newId,
  RESOURCE_UNITS,
  validateActual,
  workspaceContextFrom,
} from '@ensemble/shared'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Field } from '../../components/Field.tsx'
import { useSchemaForm } from '../../components/form/useSchemaForm.ts'
import { currentLocale } from '../../i18n/index.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { formatAmount } from './format.ts'
import type { BalancePageContext } from './pageContext.ts'

type ResourceUnit = (typeof RESOURCE_UNITS)[number]

interface ActualFormValues {
  partnerId: string
  period: string
  unit: ResourceUnit
  amount: string
  actionId: string
  comment: string
  amends: string
}

const FORM_FIELDS: ReadonlySet<string> = new Set(['partnerId', 'period', 'unit', 'amount', 'actionId', 'comment', 'amends'])

/**
 * « Déclarer une réalisation »: a member declares for their own partner (admin and steering may
 * also amend any partner's actual). The shared schema checks the entry's shape, then the same rules
 * as the server (BAL3, BAL4, BAL7) refuse it beside the field, in the reader's language, before
 * anything is sent.
 */
export function ActualForm({ page }: { page: BalancePageContext }) {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const locale = currentLocale()
  const { balance } = page
  const actor = { role: page.role }
  const amendsAny = can(actor, 'balance.amend')
  const partners = workspace.partners.filter((p) => p.id === page.partnerId || amendsAny)
  const [saved, setSaved] = useState(false)
  const { form, set, values, bind, errorOf, fieldError, onSubmit, formError } = useSchemaForm<ActualFormValues, unknown>(actualEntrySchema, {
    defaultValues: {
      partnerId: page.partnerId ?? partners[0]?.id ?? '',
      period: balance.periods.at(-1)?.key ?? '',
      unit: 'jours_homme',
      amount: '',
      actionId: '',
      comment: '',
      amends: '',
    },
    prepare: (v) => ({
      partnerId: v.partnerId,
      period: v.period,
      unit: v.unit,
      amount: v.amount.trim() === '' ? Number.NaN : Number(v.amount.replace(',', '.')),
      comment: v.comment,
      by: page.userId,
      at: Date.now(),
      ...(v.actionId ? { actionId: v.actionId } : {}),
      ...(v.amends ? { amends: v.amends } : {}),
    }),
    fieldMessages: { amount: t('errors.invalidNumber') },
  })
  // Observers and commenters never write; a writer without a partner declares nothing (BAL4).
  if (!amendsAny && !can(actor, 'balance.declare', { ownPartner: true })) return null
  if (!page.partnerId && !amendsAny) return <p className="notice">{t('balance.noPartner')}</p>
  if (partners.length === 0 || balance.periods.length === 0) return null

  const submit = onSubmit(async (data) => {
    setSaved(false)
    const entry = data as Record<string, unknown>
    const amendment = entry.amends !== undefined
    const own = page.partnerId !== null && entry.partnerId === page.partnerId
    if (!can(actor, amendment ? 'balance.amend' : 'balance.declare', { ownPartner: own })) {
      fieldError('partnerId', t(page.partnerId ? 'balance.ownPartnerOnly' : 'balance.noPartner'))
      return
    }
    const doc = page.doc
    const actuals = actualsOf(doc)
    const frozen = frozenPeriodsOf(doc)
    const [violation] = validateActual(
      entry,
      {
        author: page.userId,
        now: Date.now(),
        partners: workspaceContextFrom(workspace.members, workspace.partners).partners,
        periodKeys: new Set(balance.periods.map((p) => p.key)),
        actionBrings: (actionId, partnerId) => (balance.actionsByPartner.get(partnerId) ?? []).some(([id]) => id === actionId),
        entryOf: (id) => actuals.get(id),
        isFrozen: (key) => frozen.has(key),
      },
      'actual',
    )
    if (violation) {
      const message = violation.message[locale] ?? violation.message.fr
      if (violation.field && FORM_FIELDS.has(violation.field)) fieldError(violation.field as keyof ActualFormValues, message)
      else fieldError('amount', message)
      return
    }
    appendActual(doc, newId(), entry as Parameters<typeof appendActual>[2])
    form.clearErrors()
    set('amount', '')
    set('comment', '')
    set('amends', '')
    setSaved(true)
  })

  const actions = balance.actionsByPartner.get(values.partnerId) ?? []
  const amendable = Object.entries(balance.actuals)
    .filter(([, a]) => a.partnerId === values.partnerId && a.period === values.period)
    .sort(([, a], [, b]) => b.at - a.at)
  return (
    <section aria-labelledby="declare-heading" className="balance__declare">
      <h2 id="declare-heading">{t('balance.declareTitle')}</h2>
      <p className="field__hint">{t('balance.declareHint')}</p>
      <form className="form form--row form--compact" onSubmit={submit} noValidate data-testid="actual-form">
        <Field label={t('balance.fields.partner')} error={errorOf('partnerId')}>
          {(control) => (
            <select {...control} {...bind('partnerId')} data-testid="actual-partner">
              {partners.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('balance.fields.period')} error={errorOf('period')}>
          {(control) => (
            <select {...control} {...bind('period')} data-testid="actual-period">
              {balance.periods.map((p) => (
                <option key={p.key} value={p.key}>
                  {balance.frozen[p.key] ? t('balance.frozenOption', { period: p.key }) : p.key}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('balance.fields.amount')} error={errorOf('amount')}>
          {(control) => <input {...control} type="number" min={0} step="any" inputMode="decimal" {...bind('amount')} data-testid="actual-amount" />}
        </Field>
        <Field label={t('balance.fields.unit')} error={errorOf('unit')}>
          {(control) => (
            <select {...control} {...bind('unit')} data-testid="actual-unit">
              {RESOURCE_UNITS.map((unit) => (
                <option key={unit} value={unit}>
                  {t(`plan.units.${unit}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('balance.fields.action')} error={errorOf('actionId')}>
          {(control) => (
            <select {...control} {...bind('actionId')}>
              <option value="">{t('balance.fields.noAction')}</option>
              {actions.map(([id, title]) => (
                <option key={id} value={id}>
                  {title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('balance.fields.comment')} error={errorOf('comment')}>
          {(control) => <input {...control} maxLength={LIMITS.valueCommentLength} {...bind('comment')} data-testid="actual-comment" />}
        </Field>
        {amendable.length > 0 && (
          <Field label={t('balance.fields.amends')} error={errorOf('amends')}>
            {(control) => (
              <select {...control} {...bind('amends')} data-testid="actual-amends">
                <option value="">{t('balance.fields.noAmends')}</option>
                {amendable.map(([id, a]) => (
                  <option key={id} value={id}>
                    {formatAmount(a.amount, locale)} {t(`plan.units.${a.unit}`)} — {a.comment || page.personName(a.by)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <button type="submit" className="button button--primary button--small" data-testid="declare">
          {t('balance.declare')}
        </button>
      </form>
      {formError && (
        <p role="alert" className="notice notice--error">
          {formError}
        </p>
      )}
      <p role="status" className="field__hint">
        {saved ? t('balance.declared') : ''}
      </p>
    </section>
  )
}
