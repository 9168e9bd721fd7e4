import type { CSSProperties, ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useFieldPresence } from './useFieldPresence.ts'

/**
 * The box of an editable cell: tells the others when this person edits the field, and shows who
 * else is editing it (PLANUI5) — an outline and a name label in their colour, never colour alone.
 */
export function CellFrame({
  entity,
  field,
  editable,
  className,
  children,
}: {
  entity: string
  field: string
  /** A read-only cell is looked at, not edited: nobody is told. */
  editable: boolean
  className: string
  children: ReactNode
}) {
  const { t } = useTranslation()
  const { editors, onFocus, onBlur } = useFieldPresence(entity, field)
  const first = editors[0]
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: listens to the focus moving in and out of the cell's own control, adds no interaction.
    <div
      className={`${className}${first ? ' cell--edited' : ''}`}
      style={first ? ({ '--editor-color': first.color } as CSSProperties) : undefined}
      onFocus={editable ? onFocus : undefined}
      // Moving within the cell (a picker's button to its checkboxes) is not leaving it.
      onBlur={editable ? (event) => event.currentTarget.contains(event.relatedTarget as Node | null) || onBlur() : undefined}
    >
      {children}
      {first && (
        <span className="cell__editors" data-testid="cell-editors">
          {editors.map((user) => (
            <span key={user.id} className="cell__editor" style={{ borderColor: user.color }}>
              <span className="cell__editor-dot" style={{ backgroundColor: user.color }} aria-hidden="true" />
              {t('presence.editing', { name: user.name })}
            </span>
          ))}
        </span>
      )}
    </div>
  )
}
