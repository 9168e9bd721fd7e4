import { useId, useState } from 'react'
import { Field } from '../../components/Field.tsx'

interface Option {
  value: string
  label: string
}

type LiveFieldProps = {
  label: string
  hint?: string
  readOnly: boolean
  /** The shared rules' verdict on a value before it is written (null: it may be written). */
  validate?: (value: string) => string | null
  onCommit: (value: string) => void
  testId?: string
} & ({ kind: 'text' | 'textarea' | 'date' | 'number'; value: string } | { kind: 'select'; value: string; options: Option[] })

/**
 * One field of an objective, indicator or question, bound to the plan's Y.Doc: it shows the live
 * value, keeps what the member types while they type, and writes it when they leave the field
 * (or press Enter) if the shared rules accept it; otherwise the rule's message is shown with it.
 */
export function LiveField(props: LiveFieldProps) {
  const { label, hint, readOnly, validate, onCommit, testId } = props
  const [draft, setDraft] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  // Another member's change shows at once unless this member is typing: it clears a message about
  // the value it replaces (adjusted during render, React's pattern for state that follows a prop).
  const [shownValue, setShownValue] = useState(props.value)
  if (shownValue !== props.value) {
    setShownValue(props.value)
    if (draft === null) setError(null)
  }
  const commit = (value: string) => {
    if (value === props.value) {
      setDraft(null)
      setError(null)
      return
    }
    const message = validate?.(value) ?? null
    setError(message)
    if (message) return
    onCommit(value)
    setDraft(null)
  }
  const value = draft ?? props.value
  return (
    <Field label={label} hint={hint} error={error ?? undefined}>
      {(control) => {
        const common = { ...control, 'data-testid': testId, disabled: readOnly }
        if (props.kind === 'select') {
          return (
            <select {...common} value={value} onChange={(e) => commit(e.target.value)}>
              {props.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )
        }
        if (props.kind === 'textarea') {
          return <textarea {...common} rows={3} value={value} onChange={(e) => setDraft(e.target.value)} onBlur={() => draft !== null && commit(draft)} />
        }
        return (
          <input
            {...common}
            type={props.kind === 'date' ? 'date' : 'text'}
            inputMode={props.kind === 'number' ? 'decimal' : undefined}
            value={value}
            onChange={(e) => setDraft(e.target.value)}
            onBlur={() => draft !== null && commit(draft)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && draft !== null) {
                e.preventDefault()
                commit(draft)
              }
              if (e.key === 'Escape') {
                setDraft(null)
                setError(null)
              }
            }}
          />
        )
      }}
    </Field>
  )
}

interface ChecklistProps {
  legend: string
  options: Option[]
  value: readonly string[]
  readOnly: boolean
  validate?: (value: string[]) => string | null
  onCommit: (value: string[]) => void
  testId?: string
}

/** A group of checkboxes for a list of ids (carrying partners, purposes, links of a question). */
export function LiveChecklist({ legend, options, value, readOnly, validate, onCommit, testId }: ChecklistProps) {
  const id = useId()
  const [error, setError] = useState<string | null>(null)
  const toggle = (option: string, on: boolean) => {
    const next = on ? [...value, option] : value.filter((v) => v !== option)
    const message = validate?.(next) ?? null
    setError(message)
    if (!message) onCommit(next)
  }
  return (
    <fieldset className="objectives__checklist" data-testid={testId} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="field--checkbox">
          <input type="checkbox" checked={value.includes(o.value)} disabled={readOnly} onChange={(e) => toggle(o.value, e.target.checked)} /> {o.label}
        </label>
      ))}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  )
}
