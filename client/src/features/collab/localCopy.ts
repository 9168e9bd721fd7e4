import { IndexeddbPersistence } from 'y-indexeddb'
import type * as Y from 'yjs'

const PREFIX = 'ensemble'

/**
 * The IndexedDB database that keeps one person's copy of one document on this device: keyed on the
 * user as well as the document, so another account signed in on the same browser never reads it.
 */
const databaseName = (userId: string, workspaceId: string, docName: string): string => `${PREFIX}:${userId}:${workspaceId}:${docName}`

/**
 * Keeps the document on this device (y-indexeddb) so that nothing typed is lost with a closed tab or
 * a reload while the server is out of reach (KEEP1): what is stored here is applied to the Y.Doc at
 * the next opening and, being newer than the server's copy, is sent by the next sync step 2.
 */
export function keepOnDevice(doc: Y.Doc, userId: string, workspaceId: string, docName: string): IndexeddbPersistence | null {
  if (typeof indexedDB === 'undefined') return null
  return new IndexeddbPersistence(databaseName(userId, workspaceId, docName), doc)
}

/** Removes every document this person kept on this device (signing out, KEEP2). */
export async function forgetLocalCopies(userId: string): Promise<void> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return
  const mine = `${PREFIX}:${userId}:`
  const databases = await indexedDB.databases()
  await Promise.all(
    databases
      .map((database) => database.name)
      .filter((name): name is string => name?.startsWith(mine) ?? false)
      .map(
        (name) =>
          new Promise<void>((resolve) => {
            // An open page's copy closes as the page leaves; the deletion completes then ('blocked' meanwhile).
            const request = indexedDB.deleteDatabase(name)
            request.onsuccess = request.onerror = () => resolve()
          }),
      ),
  )
}
