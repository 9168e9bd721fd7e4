import { encodeServerError } from '@ensemble/shared'
import { localize } from '../messages.ts'
import type { EditStep } from './types.ts'

/**
 * Step 7: tells the author why their edit was undone (a type-100 server error in their language),
 * and closes the connection if an earlier step asked for it.
 */
export const reportOutcome: EditStep = {
  name: 'reportOutcome',
  run(context) {
    const { connection, refusal, closeAfter } = context
    if (refusal) {
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
    if (closeAfter) connection.close(closeAfter.code, closeAfter.reason)
  },
}
