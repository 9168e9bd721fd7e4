import { useId, useState } from 'react'
import { useFieldServerError } from '../useFieldServerError.ts'
import { CellFrame } from '../../presence/CellFrame.tsx'
import { CellMessage } from './CellMessage.tsx'

interface SelectCellProps<T extends string> {
  label: string
  value: T | null
  options: readonly { value: T; label: string }[]
  /** Label of the "nothing chosen" option; without it the select has no empty choice. */
  emptyLabel?: string
  entity: string
  field: string
  disabled?: boolean
  /** Writes the choice; a returned message means the rules refused it (nothing was written). */
  onCommit: (value: T | null) => string | null | undefined
  className?: string
  testId?: string
}

/** A choice among a few values: one discrete write per change, so no draft is needed. */
export function SelectCell<T extends string>({ label, value, options, emptyLabel, entity, field, disabled, onCommit, className, testId }: SelectCellProps<T>) {
  const errorId = useId()
  const server = useFieldServerError(entity, field)
  const [local, setLocal] = useState<string | null>(null)
  const invalid = Boolean(local || server.error)
  const known = value === null || options.some((o) => o.value === value)
  return (
    <CellFrame entity={entity} field={field} editable={!disabled} className={`cell${className ? ` ${className}` : ''}`}>
      <select
        aria-label={label}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        disabled={disabled}
        value={value ?? ''}
        onChange={(e) => {
          server.clear()
          setLocal(onCommit(e.target.value === '' ? null : (e.target.value as T)) || null)
        }}
        className="cell__input"
        data-field={field}
        data-testid={testId}
      >
        {(emptyLabel !== undefined || value === null) && <option value="">{emptyLabel ?? ''}</option>}
        {!known && value !== null && <option value={value}>{value}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <CellMessage id={errorId} local={local} server={server.error} />
    </CellFrame>
  )
}
