import { appendToStore } from './appendToStore.ts'
import { applyUpdate } from './applyUpdate.ts'
import { broadcast } from './broadcast.ts'
import { checkEdit, type EditCheck } from './checkEdit.ts'
import { claimClientIds } from './claimClientIds.ts'
import { compensateRefusedEdit } from './compensate.ts'
import { decodeUpdate } from './decodeUpdate.ts'
import { limitDocumentSize } from './limitDocumentSize.ts'
import { notifyAccepted, type OnEditAccepted } from './notifyAccepted.ts'
import { reportOutcome } from './reportOutcome.ts'
import { STOP, type EditContext, type EditStep } from './types.ts'

export { allChecks, writersOnly, type EditCheck, type EditCheckInput, type EditRefusal } from './checkEdit.ts'
export type { EditContext, EditRoom, EditStep } from './types.ts'
export type { AcceptedEdit, OnEditAccepted } from './notifyAccepted.ts'

/**
 * The ordered steps every incoming update goes through (DESIGN §5):
 * decode (bounded shape) → claim client ids (only one's own) → apply (origin = connection) → check →
 * size limit → compensate if refused → append → broadcast → report, then, when an observer is given,
 * tell it about the accepted edit.
 */
export function createEditPipeline(
  check: EditCheck,
  onCheckError?: (err: unknown) => void,
  onAccepted?: OnEditAccepted,
  onObserverError: (err: unknown) => void = () => {},
): readonly EditStep[] {
  const steps = [decodeUpdate, claimClientIds, applyUpdate, checkEdit(check, onCheckError), limitDocumentSize, compensateRefusedEdit, appendToStore, broadcast, reportOutcome]
  return onAccepted ? [...steps, notifyAccepted(onAccepted, onObserverError)] : steps
}

/** Runs the steps in order until one returns STOP or throws. */
export async function runEditPipeline(steps: readonly EditStep[], context: EditContext): Promise<void> {
  for (const step of steps) {
    const result = step.run(context)
    // Only asynchronous steps yield to the event loop; the synchronous ones run back to back.
    if ((result instanceof Promise ? await result : result) === STOP) return
  }
}
