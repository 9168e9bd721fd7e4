import { appendToStore } from './appendToStore.ts'
import { applyUpdate } from './applyUpdate.ts'
import { broadcast, publishToPeers } from './broadcast.ts'
import { checkEdit } from './checkEdit.ts'
import type { EditCheck } from './checks.ts'
import { claimClientIds } from './claimClientIds.ts'
import { claimServerId } from './claimServerId.ts'
import { compensateRefusedEdit } from './compensate.ts'
import { decodeUpdate } from './decodeUpdate.ts'
import { limitDocumentSize } from './limitDocumentSize.ts'
import { notifyAccepted, type OnEditAccepted } from './notifyAccepted.ts'
import { reportOutcome } from './reportOutcome.ts'
import { STOP, type ChangeStep, type EditStep, type Step } from './types.ts'

export { allChecks, writersOnly, type EditCheck, type EditCheckInput, type EditRefusal } from './checks.ts'
export type { ChangeContext, ChangeStep, EditContext, EditRoom, EditStep, StorageRetry } from './types.ts'
export type { AcceptedEdit, OnEditAccepted } from './notifyAccepted.ts'

/**
 * The ordered steps every incoming update goes through (DESIGN §5):
 * decode (bounded shape) → claim client ids (only one's own) → apply (origin = connection) → check →
 * size limit → compensate if refused → append → broadcast → publish to the other instances → report,
 * then, when an observer is given, tell it about the accepted edit.
 */
export function createEditPipeline(
  check: EditCheck,
  onCheckError?: (err: unknown) => void,
  onAccepted?: OnEditAccepted,
  onObserverError: (err: unknown) => void = () => {},
): readonly EditStep[] {
  const steps = [
    decodeUpdate,
    claimClientIds,
    applyUpdate,
    checkEdit(check, onCheckError),
    limitDocumentSize,
    compensateRefusedEdit,
    appendToStore,
    broadcast,
    publishToPeers,
    reportOutcome,
  ]
  return onAccepted ? [...steps, notifyAccepted(onAccepted, onObserverError)] : steps
}

/**
 * A change the server makes itself (seed, restore, sign-off status, an action from a decision), once
 * applied to the room's document: the same append and broadcast as a client's edit, under the room's
 * own client id, claimed for the server first (HOST1).
 */
export const SERVER_CHANGE_STEPS: readonly ChangeStep[] = [claimServerId, appendToStore, broadcast, publishToPeers]

/**
 * An update another instance stored (its fan-out, or what the room merged from the store): the
 * broadcast to this room's connections only; it is neither stored nor published again.
 */
export const STORED_CHANGE_STEPS: readonly ChangeStep[] = [broadcast]

/** Runs the steps in order until one returns STOP or throws. */
export async function runSteps<Context>(steps: readonly Step<Context>[], context: Context): Promise<void> {
  for (const step of steps) {
    const result = step.run(context)
    // Only asynchronous steps yield to the event loop; the synchronous ones run back to back.
    if ((result instanceof Promise ? await result : result) === STOP) return
  }
}
