import type * as Y from 'yjs'
import type { RoomRegistry } from '../../collab/rooms.ts'

/**
 * How domain services read and change live documents: through the rooms, so a change is checked
 * by nobody but stored, broadcast to connected providers and fanned out like any edit.
 */
export interface DocAccess {
  read<T>(workspaceId: string, docName: string, read: (doc: Y.Doc) => T): Promise<T>
  change(workspaceId: string, docName: string, change: (doc: Y.Doc) => void): Promise<void>
}

export const roomDocAccess = (rooms: RoomRegistry): DocAccess => ({
  read: (workspaceId, docName, read) => rooms.withRoom({ workspaceId, docName }, (room) => read(room.doc)),
  change: (workspaceId, docName, change) => rooms.applyServerChange({ workspaceId, docName }, change),
})
