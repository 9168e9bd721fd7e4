import * as Y from 'yjs'
import { MalformedMessageError } from '../errors.ts'
import type { EditStep } from './types.ts'

/** Step 1: the payload must decode as a Yjs update before it goes anywhere near the document. */
export const decodeUpdate: EditStep = {
  name: 'decodeUpdate',
  run(context) {
    try {
      Y.decodeUpdate(context.incoming)
    } catch (cause) {
      throw new MalformedMessageError('payload is not a Yjs update', { cause })
    }
  },
}
