import { type Indicator, LIMITS, todayIso } from '@ensemble/shared'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Field } from '../../components/Field.tsx'
import { parseNumber } from './numbers.ts'
import type { SteeringPageContext } from './pageContext.ts'
import type { Row } from './steeringStore.ts'
import { enterValue } from './steeringWrites.ts'

/** « Saisir une valeur »: a dated measure with a comment, or the correction of an earlier one, in the member's own name. */
export function ValueForm({ page, indicator }: { page: SteeringPageContext; indicator: Row<Indicator> }) {
  const { t } = useTranslation()
  const [value, setValue] = useState('')
  const [date, setDate] = useState(todayIso())
  const [comment, setComment] = useState('')
  const [corrects, setCorrects] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const number = parseNumber(value)
    if (number === null) {
      setError(t('objectives.valueNotNumber'))
      setSaved(false)
      return
    }
    setError(null)
    enterValue(page.doc, indicator.id, page.userId, { value: number, date, comment, ...(corrects ? { corrects } : {}) })
    setValue('')
    setComment('')
    setCorrects('')
    setSaved(true)
  }
  const earlier = Object.entries(indicator.values).sort(([, a], [, b]) => (a.date < b.date ? 1 : -1))
  return (
    <form className="indicator__form" onSubmit={submit} aria-labelledby={`value-form-${indicator.id}`} data-testid="value-form" noValidate>
      <h6 id={`value-form-${indicator.id}`} className="indicator__form-title">
        {t('objectives.addValue')}
      </h6>
      <p className="field__hint">{t('objectives.valueHint')}</p>
      <div className="objective__fields">
        <Field label={t('objectives.valueFields.value', { unit: indicator.unit })} error={error ?? undefined}>
          {(control) => <input {...control} inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} data-testid="value-input" required />}
        </Field>
        <Field label={t('objectives.valueFields.date')}>
          {(control) => <input {...control} type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="value-date" required />}
        </Field>
        <Field label={t('objectives.valueFields.comment')}>
          {(control) => (
            <input
              {...control}
              maxLength={LIMITS.valueCommentLength}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              data-testid="value-comment"
            />
          )}
        </Field>
        {earlier.length > 0 && (
          <Field label={t('objectives.valueFields.corrects')}>
            {(control) => (
              <select {...control} value={corrects} onChange={(e) => setCorrects(e.target.value)}>
                <option value="">{t('objectives.noCorrection')}</option>
                {earlier.map(([id, v]) => (
                  <option key={id} value={id}>
                    {v.date} — {v.value}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      <button type="submit" className="button button--primary button--small" data-testid="save-value">
        {t('objectives.saveValue')}
      </button>
      <p role="status" className="field__hint">
        {saved ? t('objectives.valueSaved') : ''}
      </p>
    </form>
  )
}
