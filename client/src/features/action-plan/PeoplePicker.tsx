import type { Member } from '@ensemble/shared'
import { type FocusEvent, type KeyboardEvent, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CellFrame } from '../presence/CellFrame.tsx'
import { useFieldServerError } from '../collab/useFieldServerError.ts'
import { CellMessage } from '../collab/cells/CellMessage.tsx'

interface PeoplePickerProps {
  /** Accessible name of the cell, e.g. "Réalise (R) — Lancer l'appel à projets". */
  label: string
  legend: string
  selected: readonly string[]
  members: readonly Member[]
  disabled: boolean
  entity: string
  field: string
  /** Adds or removes one person; a returned message means the rules refused it. */
  onToggle(memberId: string, on: boolean): string | null
}

/**
 * R, C or I of an action: a button that names who is in the list and opens a list of checkboxes.
 * Each tick adds or removes one person in the shared list, so concurrent ticks by two people merge.
 */
export function PeoplePicker({ label, legend, selected, members, disabled, entity, field, onToggle }: PeoplePickerProps) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const panelId = useId()
  const errorId = useId()
  const server = useFieldServerError(entity, field)
  const [local, setLocal] = useState<string | null>(null)
  const nameOf = (id: string) => members.find((m) => m.userId === id)?.name ?? '?'
  const names = selected.map(nameOf)
  const summary = names.length ? names.join(', ') : t('plan.nobody')

  const close = (refocus: boolean) => {
    setOpen(false)
    if (refocus) button.current?.focus()
  }

  // On the button and the open panel (the two places focus can be): Escape closes and returns to the
  // button; focus leaving both closes.
  const whileOpen = {
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key === 'Escape' && open) {
        event.preventDefault()
        close(true)
      }
    },
    onBlur: (event: FocusEvent) => {
      if (open && !root.current?.contains(event.relatedTarget as Node | null)) close(false)
    },
  }

  return (
    <CellFrame entity={entity} field={field} editable={!disabled} className="people-frame">
      <div className="cell people" ref={root}>
        <button
          {...whileOpen}
          ref={button}
          type="button"
          className="people__button cell__input"
          aria-expanded={open}
          aria-controls={open ? panelId : undefined}
          aria-label={`${label} : ${summary}`}
          aria-describedby={local || server.error ? errorId : undefined}
          disabled={disabled && names.length === 0}
          onClick={() => setOpen((o) => !o)}
          data-field={field}
        >
          <span className="people__summary">{summary}</span>
        </button>
        {open && (
          <fieldset {...whileOpen} className="people__panel" id={panelId} disabled={disabled}>
            <legend>{legend}</legend>
            {members.map((member) => (
              <label key={member.userId} className="people__option">
                <input
                  type="checkbox"
                  checked={selected.includes(member.userId)}
                  onChange={(e) => {
                    server.clear()
                    setLocal(onToggle(member.userId, e.target.checked))
                  }}
                />
                <span className="swatch" style={{ backgroundColor: member.color }} aria-hidden="true" />
                {member.name}
              </label>
            ))}
          </fieldset>
        )}
        <CellMessage id={errorId} local={local} server={server.error} />
      </div>
    </CellFrame>
  )
}
