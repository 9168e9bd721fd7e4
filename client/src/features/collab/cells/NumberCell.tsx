import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useFieldServerError } from '../useFieldServerError.ts'
import type { CellProps } from './TextCell.tsx'
import { CellFrame } from '../../presence/CellFrame.tsx'
import { CellMessage } from './CellMessage.tsx'
import { useDraft } from './useDraft.ts'

/** A whole or decimal number; the draft is text so a half-typed number is never written. */
export function NumberCell({
  label,
  value,
  entity,
  field,
  readOnly,
  validate,
  onCommit,
  className,
  testId,
  min,
  max,
  step = 1,
  suffix,
}: CellProps<number> & { min?: number; max?: number; step?: number; suffix?: string }) {
  const { t } = useTranslation()
  const errorId = useId()
  const server = useFieldServerError(entity, field)
  const draft = useDraft({
    remote: Number.isFinite(value) ? String(value) : '',
    // '' is what the DOM reports for an empty or half-typed number: never write it as 0.
    validate: (next) => (next.trim() === '' || !Number.isFinite(Number(next)) ? t('errors.invalidNumber') : (validate?.(next) ?? null)),
    commit: (next) => {
      server.clear()
      onCommit(Number(next))
    },
  })
  const invalid = Boolean(draft.error || server.error)
  return (
    <CellFrame entity={entity} field={field} editable={!readOnly} className={`cell cell--number${className ? ` ${className}` : ''}`}>
      <span className="cell__with-suffix">
        <input
          type="number"
          inputMode="decimal"
          aria-label={label}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? errorId : undefined}
          readOnly={readOnly}
          min={min}
          max={max}
          step={step}
          value={draft.value}
          onChange={(e) => draft.onChange(e.target.value)}
          onBlur={draft.onBlur}
          onKeyDown={draft.onKeyDown}
          className={`cell__input${draft.editing ? ' is-editing' : ''}`}
          data-field={field}
          data-testid={testId}
        />
        {suffix && <span aria-hidden="true">{suffix}</span>}
      </span>
      <CellMessage id={errorId} local={draft.error} server={server.error} />
    </CellFrame>
  )
}
