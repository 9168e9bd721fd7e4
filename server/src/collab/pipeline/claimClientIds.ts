import { CLOSE } from '@ensemble/shared'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { MESSAGES } from '../messages.ts'
import type { DecodedUpdate } from '../updateShape.ts'
import { chargeRefused, sendRefusal } from './reportOutcome.ts'
import { STOP, type EditStep } from './types.ts'

/**
 * Step 2 (HOST1): changes under a Yjs client id belong to the person who owns that id. For each
 * client id under which the update brings something the room does not hold yet, the room asks who
 * owns it (claiming it for the sender if nobody does). Changes under someone else's id are refused
 * before they are applied: nobody can advance, fill or delete the clock range of another person's
 * id, which would make that person's own changes at those clocks vanish as "already known".
 *
 * A real client sends other people's changes only when it holds some the room lacks: on several
 * instances, when another instance stored them and its fan-out has not arrived (the room first
 * catches up from the store, which settles that), or after a restore from an older backup (their
 * owner brings them back when reconnecting). So the refused part is dropped and the sender's own
 * changes go on; if nothing of its own remains, it is told why and closed without an
 * acknowledgement (4500: reconnecting is fine).
 */
export const claimClientIds: EditStep = {
  name: 'claimClientIds',
  async run(context) {
    const { room, connection } = context
    let fresh = clientsWithNewStructs(context.decoded!, room.doc)
    if (fresh.size === 0) return
    let foreign = await room.clientOwners.foreignTo(connection.identity.userId, fresh)
    if (foreign.size > 0 && (await room.catchUpFromStore())) {
      fresh = clientsWithNewStructs(context.decoded!, room.doc)
      foreign = await room.clientOwners.foreignTo(connection.identity.userId, fresh)
    }
    if (foreign.size === 0) return
    sendRefusal(connection, { code: 'client_id_taken', entity: '', message: MESSAGES.clientIdTaken })
    const spent = !chargeRefused(connection, context.incoming.byteLength)
    const ownRemains = [...fresh].some((client) => !foreign.has(client)) || context.decoded!.ds.clients.size > 0
    if (!ownRemains || spent) {
      connection.close(spent ? CLOSE.rateLimited : CLOSE.internalError, 'changes under another person’s client id')
      return STOP
    }
    context.incoming = Y.diffUpdate(context.incoming, stateVectorDropping(foreign))
    context.decoded = Y.decodeUpdate(context.incoming)
  },
}

/** The client ids under which `update` holds structs (items, GC or skips) beyond what `doc` has. */
function clientsWithNewStructs(update: DecodedUpdate, doc: Y.Doc): Set<number> {
  const fresh = new Set<number>()
  for (const struct of update.structs) {
    const { client, clock } = struct.id
    if (!fresh.has(client) && clock + struct.length > Y.getState(doc.store, client)) fresh.add(client)
  }
  return fresh
}

/** A state vector past every clock of `clients`: `Y.diffUpdate` against it drops all their structs, and keeps the rest. */
function stateVectorDropping(clients: ReadonlySet<number>): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, clients.size)
  for (const client of clients) {
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, Number.MAX_SAFE_INTEGER)
  }
  return encoding.toUint8Array(encoder)
}
