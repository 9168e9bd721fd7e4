/** A labelled `<select>` over a list of options, with an optional empty choice first (''): it answers one of the options' values, or ''. */
export function LabelledSelect<Value extends string>({
  label,
  value,
  onChange,
  options,
  empty,
  required,
  testId,
}: {
  label: string
  value: Value | ''
  onChange(value: NoInfer<Value> | ''): void
  options: readonly { value: NoInfer<Value>; label: string }[]
  /** The label of an empty first choice (value ''), if any. */
  empty?: string
  required?: boolean
  testId?: string
}) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value as Value | '')} required={required} data-testid={testId}>
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
