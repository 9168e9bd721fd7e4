import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useFieldServerError } from '../useFieldServerError.ts'
import type { CellProps } from './TextCell.tsx'
import { CellFrame } from '../../presence/CellFrame.tsx'
import { CellMessage } from './CellMessage.tsx'
import { useDraft } from './useDraft.ts'

const INCOMPLETE = '\u0000incomplete'

/** A calendar date (`YYYY-MM-DD`, or null when empty), committed on blur or Enter like the others. */
export function DateCell({
  label,
  value,
  entity,
  field,
  readOnly,
  validate,
  onCommit,
  className,
  testId,
  nullable = true,
}: CellProps<string | null> & { nullable?: boolean }) {
  const { t } = useTranslation()
  const errorId = useId()
  const server = useFieldServerError(entity, field)
  const draft = useDraft({
    remote: value ?? '',
    // A half-typed date reads as '' in the DOM: it must not clear the stored date.
    validate: (next) => (next === INCOMPLETE ? t('errors.invalidDate') : next === '' && !nullable ? t('errors.required') : (validate?.(next) ?? null)),
    commit: (next) => {
      server.clear()
      onCommit(next === '' && nullable ? null : next)
    },
  })
  const invalid = Boolean(draft.error || server.error)
  return (
    <CellFrame entity={entity} field={field} editable={!readOnly} className={`cell${className ? ` ${className}` : ''}`}>
      <input
        type="date"
        aria-label={label}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        readOnly={readOnly}
        value={draft.value === INCOMPLETE ? '' : draft.value}
        onChange={(e) => draft.onChange(e.target.validity.badInput ? INCOMPLETE : e.target.value)}
        onBlur={draft.onBlur}
        onKeyDown={draft.onKeyDown}
        className={`cell__input${draft.editing ? ' is-editing' : ''}`}
        data-field={field}
        data-testid={testId}
      />
      <CellMessage id={errorId} local={draft.error} server={server.error} />
    </CellFrame>
  )
}
