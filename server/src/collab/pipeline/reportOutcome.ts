import { CLOSE, encodeServerError } from '@ensemble/shared'
import { localize } from '../messages.ts'
import type { EditRefusal } from './checks.ts'
import type { EditConnection, EditStep } from './types.ts'

/** Tells the author why (part of) their update was refused: a type-100 server error in their language. */
export function sendRefusal(connection: EditConnection, refusal: EditRefusal): void {
  const { code, rule, entity, field, message } = refusal
  connection.send(
    encodeServerError({
      code,
      ...(rule ? { rule } : {}),
      entity,
      ...(field ? { field } : {}),
      message: localize(message, connection.identity.locale),
    }),
  )
}

/**
 * Charges refused bytes to the connection's budget (LIMITS.rate.refusedBytes): false when it is
 * spent, and the connection must be closed (4429). A real client is refused rarely and by little;
 * a hostile one sending large refused edits is stopped long before it costs the store anything.
 */
export const chargeRefused = (connection: EditConnection, bytes: number): boolean => connection.tryAdmit('refusedBytes', bytes)

/**
 * Step 10: tells the author why their edit was undone (a type-100 server error in their language),
 * and closes the connection if an earlier step asked for it.
 */
export const reportOutcome: EditStep = {
  name: 'reportOutcome',
  run(context) {
    const { connection, refusal } = context
    if (refusal) {
      sendRefusal(connection, refusal)
      if (!chargeRefused(connection, context.incoming.byteLength)) context.closeAfter ??= { code: CLOSE.rateLimited, reason: 'too many refused edits' }
    }
    if (context.closeAfter) connection.close(context.closeAfter.code, context.closeAfter.reason)
  },
}
