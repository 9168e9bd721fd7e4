import type { ChangeStep } from './types.ts'

/**
 * Step 1 of a change the server makes (HOST1): the room's own Yjs client id, under which the server
 * writes, is claimed for the server before the change is stored, so no person can write under it.
 */
export const claimServerId: ChangeStep = {
  name: 'claimServerId',
  async run({ room }) {
    if (await room.clientOwners.claimForServer(room.doc.clientID)) return
    // Cannot happen by chance (ids are random 32-bit numbers): said loudly, and the change stands.
    room.logger.error({ ...room.key, clientId: room.doc.clientID }, 'the room’s client id belongs to a person: its change is stored under it anyway')
  },
}
