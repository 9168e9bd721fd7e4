import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CellFrame } from '../presence/CellFrame.tsx'
import { CellMessage } from '../collab/cells/CellMessage.tsx'
import { useFieldServerError } from '../collab/useFieldServerError.ts'
import type { ObjectiveChoices } from './objectiveChoices.ts'

interface ObjectivePickerProps {
  /** The select's accessible name. */
  label: string
  /** Whether the label is shown (in the detail) or only read out (in the row). */
  showLabel?: boolean
  value: string | null
  /** Free text the action named its objective with before it could pick one (kept until one is picked). */
  legacyText: string
  choices: ObjectiveChoices
  entity: string
  disabled: boolean
  /** Writes the choice; a returned message means the rules refused it (nothing was written). */
  onCommit(value: string | null): string | null
  testId?: string
}

/**
 * Which operational objective an action serves (OBJ8, OBJ10): a native select, its options grouped
 * by strategic objective (<optgroup>), so the keyboard and screen readers work as everywhere else.
 * Text an action named its objective with before is shown beside it, « objectif à rattacher ».
 */
export function ObjectivePicker({ label, showLabel = false, value: given, legacyText, choices, entity, disabled, onCommit, testId }: ObjectivePickerProps) {
  const { t } = useTranslation()
  // Absent in a row read before the field existed (a preview from an older plan): no objective.
  const value = given ?? null
  const id = useId()
  const errorId = useId()
  const noteId = useId()
  const server = useFieldServerError(entity, 'objectiveId')
  const [local, setLocal] = useState<string | null>(null)
  const invalid = Boolean(local || server.error)
  // A link to an objective deleted since: shown as such, never silently swapped for another.
  const gone = value !== null && !choices.titles.has(value)
  const pending = (legacyText ?? '').trim()
  const describedBy = [invalid ? errorId : null, pending ? noteId : null].filter(Boolean).join(' ') || undefined
  return (
    <CellFrame entity={entity} field="objectiveId" editable={!disabled} className="cell objective-picker">
      <label htmlFor={id} className={showLabel ? 'action-detail__label' : 'visually-hidden'}>
        {label}
      </label>
      <select
        id={id}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        disabled={disabled}
        value={value ?? ''}
        onChange={(e) => {
          server.clear()
          setLocal(onCommit(e.target.value === '' ? null : e.target.value))
        }}
        className="cell__input"
        data-field="objectiveId"
        data-testid={testId}
      >
        <option value="">{t('plan.noObjective')}</option>
        {gone && <option value={value}>{t('plan.objectiveGone')}</option>}
        {choices.groups.map((group) => (
          <optgroup key={group.id ?? ''} label={group.title}>
            {group.options.map((option) => (
              <option key={option.id} value={option.id}>
                {option.title}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {pending && (
        <span className="objective-picker__pending" id={noteId} data-testid="objective-to-attach">
          {t('plan.objectiveToAttach', { text: pending })}
        </span>
      )}
      <CellMessage id={errorId} local={local} server={server.error} />
    </CellFrame>
  )
}
