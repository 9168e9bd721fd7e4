/** A labelled `<select>` over a list of options, with an optional empty choice first. */
export function LabelledSelect({
  label,
  value,
  onChange,
  options,
  empty,
  required,
  testId,
}: {
  label: string
  value: string
  onChange(value: string): void
  options: readonly { value: string; label: string }[]
  /** The label of an empty first choice (value ''), if any. */
  empty?: string
  required?: boolean
  testId?: string
}) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)} required={required} data-testid={testId}>
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  )
}
