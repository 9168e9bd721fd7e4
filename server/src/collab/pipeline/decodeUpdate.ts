import { CLOSE, LIMITS } from '@ensemble/shared'
import * as Y from 'yjs'
import { ConnectionError, MalformedMessageError } from '../errors.ts'
import { MESSAGES } from '../messages.ts'
import { checkUpdateShape } from '../updateShape.ts'
import { chargeRefused, sendRefusal } from './reportOutcome.ts'
import type { EditStep } from './types.ts'

/**
 * Step 1: the payload must decode as a Yjs update, and its shape must be bounded (HOST2: types
 * nested at most LIMITS.maxNestingDepth deep, keys at most LIMITS.maxKeyLength long) before it goes
 * anywhere near the document. An update out of bounds is refused whole, before it is applied: nothing
 * of it is stored, broadcast or acknowledged; its sender is told why and closed (4400: its replica
 * holds what the room will never have, and no real client writes such an update).
 */
export const decodeUpdate: EditStep = {
  name: 'decodeUpdate',
  run(context) {
    try {
      context.decoded = Y.decodeUpdate(context.incoming)
    } catch (cause) {
      throw new MalformedMessageError('payload is not a Yjs update', { cause })
    }
    const violation = checkUpdateShape(context.decoded, context.room.doc, { maxDepth: LIMITS.maxNestingDepth, maxKeyLength: LIMITS.maxKeyLength })
    if (violation) {
      const { connection } = context
      sendRefusal(connection, {
        code: 'update_out_of_bounds',
        entity: '',
        message: violation.kind === 'depth' ? MESSAGES.updateTooDeep : MESSAGES.updateKeyTooLong,
      })
      chargeRefused(connection, context.incoming.byteLength)
      throw new ConnectionError(
        CLOSE.malformedMessage,
        violation.kind === 'depth' ? `types nested ${violation.depth} deep` : `key of ${violation.length} characters`,
      )
    }
  },
}
