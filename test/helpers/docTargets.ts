import { actionsOf, bodiesOf, buildAction, buildBody, keyBetween } from '@ensemble/shared'
import type * as Y from 'yjs'
import { connectDoc } from './collab.ts'
import type { HttpClient } from './http.ts'
import { waitFor } from './waitFor.ts'

/**
 * Puts plan actions and governance bodies with the given ids into an alliance's documents, the way
 * the web client does (a real provider; `admin` must be allowed to create them), and resolves once
 * the server holds them: what threads, agenda items and meetings may then name (docs/SPEC.md REF1).
 * Bodies have `bodySeats` (partner → seats; none by default).
 */
export async function addDocTargets(
  admin: HttpClient,
  workspaceId: string,
  targets: { actions?: string[]; bodies?: string[]; bodySeats?: Record<string, number> },
): Promise<void> {
  // A body with seats needs a quorum of at least one (VAL15); one seat present is then enough to decide.
  const seats = targets.bodySeats ?? {}
  const quorum = Object.keys(seats).length ? 1 : 0
  const plan = {
    docName: 'plan',
    ids: targets.actions ?? [],
    map: actionsOf,
    build: (id: string, order: string) => buildAction({ title: `Action ${id}`, order }),
  }
  const governance = {
    docName: 'governance',
    ids: targets.bodies ?? [],
    map: bodiesOf,
    build: (id: string, order: string) =>
      buildBody({ name: `Instance ${id}`, level: 'strategic', mandate: '', seats, decisionRule: 'consensus', quorum, cadence: 'monthly', chair: null, order }),
  }
  const writes: { docName: string; ids: string[]; map: (doc: Y.Doc) => Y.Map<Y.Map<unknown>>; build: (id: string, order: string) => Y.Map<unknown> }[] = [
    plan,
    governance,
  ]
  for (const { docName, ids, map: mapOf, build } of writes) {
    if (!ids.length) continue
    const writer = await connectDoc(admin, workspaceId, docName)
    try {
      await writer.synced()
      let order: string | null = null
      writer.doc.transact(() => {
        for (const id of ids) mapOf(writer.doc).set(id, build(id, (order = keyBetween(order, null))))
      })
      // A newcomer is shown an edit only once the server has stored it (DUR7).
      const watcher = await connectDoc(admin, workspaceId, docName)
      try {
        await waitFor(() => writer.errors[0] ?? (watcher.provider.synced && ids.every((id) => mapOf(watcher.doc).has(id))), {
          message: `${ids.join(', ')} in ${docName}`,
        })
        if (writer.errors.length) throw new Error(`${docName}: ${JSON.stringify(writer.errors)}`)
      } finally {
        watcher.destroy()
      }
    } finally {
      writer.destroy()
    }
  }
}
