import { useId } from 'react'
import { useFieldServerError } from '../useFieldServerError.ts'
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
  onCommit: (value: T | null) => void
  className?: string
  testId?: string
}

/** A choice among a few values: one discrete write per change, so no draft is needed. */
export function SelectCell<T extends string>({ label, value, options, emptyLabel, entity, field, disabled, onCommit, className, testId }: SelectCellProps<T>) {
  const errorId = useId()
  const server = useFieldServerError(entity, field)
  const known = value === null || options.some((o) => o.value === value)
  return (
    <div className={`cell${className ? ` ${className}` : ''}`}>
      <select
        aria-label={label}
        aria-invalid={server.error ? true : undefined}
        aria-describedby={server.error ? errorId : undefined}
        disabled={disabled}
        value={value ?? ''}
        onChange={(e) => {
          server.clear()
          onCommit(e.target.value === '' ? null : (e.target.value as T))
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
      <CellMessage id={errorId} local={null} server={server.error} />
    </div>
  )
}
