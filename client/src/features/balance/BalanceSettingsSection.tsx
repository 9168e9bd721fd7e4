import {
  BALANCE_PERIOD_LENGTHS,
  balanceSettingsSchema,
  RATED_UNITS,
  writeBalanceSettings,
  type BalancePeriodLength,
  type BalanceSettings,
  type RatedUnit,
} from '@ensemble/shared'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Field } from '../../components/Field.tsx'
import { type SchemaOf, useSchemaForm } from '../../components/form/useSchemaForm.ts'
import { currentLocale } from '../../i18n/index.ts'
import { formatEuros } from './format.ts'
import type { BalancePageContext } from './pageContext.ts'

type SettingsFormValues = Record<RatedUnit, string> & { periodLength: BalancePeriodLength; threshold: string }

const toNumber = (value: string): number => (value.trim() === '' ? Number.NaN : Number(value.replace(',', '.')))

/**
 * The shared settings schema over the form's flat fields: the rates come from one field each, and
 * an issue about `rates.<unit>` is shown beside that unit's field.
 */
const flatSettingsSchema: SchemaOf<BalanceSettings> = {
  safeParse(value) {
    const v = value as SettingsFormValues
    const parsed = balanceSettingsSchema.safeParse({
      rates: Object.fromEntries(RATED_UNITS.map((unit) => [unit, toNumber(v[unit])])),
      periodLength: v.periodLength,
      threshold: toNumber(v.threshold),
    })
    if (parsed.success) return { success: true, data: parsed.data }
    return { success: false, error: { issues: parsed.error.issues.map((i) => ({ ...i, path: i.path[0] === 'rates' ? i.path.slice(1) : i.path })) } }
  },
}

/** « Réglages »: steering sets the rates, the period length (until an actual is declared) and the threshold; others read them. */
export function BalanceSettingsSection({ page }: { page: BalancePageContext }) {
  const { t } = useTranslation()
  const locale = currentLocale()
  const { settings } = page.balance
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('balance.settingsTitle')}</h2>
      {page.canSettings ? (
        // Remounted when the settings change (another member saved): the form shows what holds.
        <SettingsForm key={JSON.stringify(settings)} page={page} />
      ) : (
        <p data-testid="settings-summary">
          {t('balance.settingsReadOnly', {
            rates: RATED_UNITS.map((unit) => `${t(`plan.units.${unit}`)} ${formatEuros(settings.rates[unit], locale)}`).join(', '),
            length: t(`balance.lengths.${settings.periodLength}`),
            threshold: settings.threshold,
          })}
        </p>
      )}
    </section>
  )
}

function SettingsForm({ page }: { page: BalancePageContext }) {
  const { t } = useTranslation()
  const { settings, actuals } = page.balance
  const locked = Object.keys(actuals).length > 0
  const [saved, setSaved] = useState(false)
  const { bind, errorOf, onSubmit } = useSchemaForm<SettingsFormValues, BalanceSettings>(flatSettingsSchema, {
    defaultValues: {
      ...(Object.fromEntries(RATED_UNITS.map((unit) => [unit, String(settings.rates[unit])])) as Record<RatedUnit, string>),
      periodLength: settings.periodLength,
      threshold: String(settings.threshold),
    },
    fieldMessages: Object.fromEntries([...RATED_UNITS, 'threshold'].map((name) => [name, t('errors.invalidNumber')])) as Partial<
      Record<keyof SettingsFormValues, string>
    >,
  })
  const submit = onSubmit(async (next) => {
    writeBalanceSettings(page.doc, locked ? { rates: next.rates, threshold: next.threshold } : next)
    setSaved(true)
  })
  return (
    <form className="form form--row form--compact" onSubmit={submit} noValidate data-testid="balance-settings">
      {RATED_UNITS.map((unit) => (
        <Field key={unit} label={t(`balance.rates.${unit}`)} error={errorOf(unit)}>
          {(control) => <input {...control} type="number" min={0} step="any" inputMode="decimal" {...bind(unit)} data-testid={`rate-${unit}`} />}
        </Field>
      ))}
      <Field label={t('balance.periodLength')} hint={locked ? t('balance.periodLengthLocked') : undefined}>
        {(control) => (
          <select {...control} {...bind('periodLength')} disabled={locked}>
            {BALANCE_PERIOD_LENGTHS.map((length) => (
              <option key={length} value={length}>
                {t(`balance.lengths.${length}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('balance.threshold')} hint={t('balance.thresholdHint')} error={errorOf('threshold')}>
        {(control) => <input {...control} type="number" min={0} max={100} step={1} {...bind('threshold')} data-testid="threshold" />}
      </Field>
      <button type="submit" className="button button--small">
        {t('balance.saveSettings')}
      </button>
      <p role="status" className="field__hint">
        {saved ? t('balance.settingsSaved') : ''}
      </p>
    </form>
  )
}
