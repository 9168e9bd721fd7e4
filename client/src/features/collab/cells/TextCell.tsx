import { useId } from 'react'
import { useFieldServerError } from '../useFieldServerError.ts'
import { CellFrame } from '../../presence/CellFrame.tsx'
import { CellMessage } from './CellMessage.tsx'
import { useDraft } from './useDraft.ts'

export interface CellProps<T> {
  /** Accessible name: the column and the row, e.g. "Échéance — Lancer l'appel à projets". */
  label: string
  value: T
  /** `actions/<id>`, `bodies/<id>`, `meta`…: matches the entity of the server's errors. */
  entity: string
  field: string
  readOnly?: boolean
  validate?: (draft: string) => string | null
  onCommit: (value: T) => void
  className?: string
  testId?: string
}

/**
 * Free text. `multiline` keeps Enter for new lines (Ctrl+Enter commits); `wrap` shows a long
 * single-line value on several lines (titles in a table) while Enter still commits.
 */
export function TextCell({
  label,
  value,
  entity,
  field,
  readOnly,
  validate,
  onCommit,
  className,
  testId,
  multiline,
  wrap,
}: CellProps<string> & { multiline?: boolean; wrap?: boolean }) {
  const errorId = useId()
  const server = useFieldServerError(entity, field)
  const draft = useDraft({
    remote: value,
    validate,
    multiline,
    commit: (next) => {
      server.clear()
      onCommit(next)
    },
  })
  const shared = {
    'aria-label': label,
    'aria-invalid': draft.error || server.error ? (true as const) : undefined,
    'aria-describedby': draft.error || server.error ? errorId : undefined,
    readOnly,
    value: draft.value,
    // A wrapped single-line field never stores a line break, even pasted.
    onChange: (e: { target: { value: string } }) => draft.onChange(wrap && !multiline ? e.target.value.replace(/[\r\n]+/g, ' ') : e.target.value),
    onBlur: draft.onBlur,
    onKeyDown: draft.onKeyDown,
    className: `cell__input${draft.editing ? ' is-editing' : ''}`,
    'data-field': field,
    'data-testid': testId,
  }
  return (
    <CellFrame entity={entity} field={field} editable={!readOnly} className={`cell${className ? ` ${className}` : ''}`}>
      {multiline || wrap ? <textarea rows={multiline ? 2 : 1} {...shared} /> : <input type="text" {...shared} />}
      <CellMessage id={errorId} local={draft.error} server={server.error} />
    </CellFrame>
  )
}
