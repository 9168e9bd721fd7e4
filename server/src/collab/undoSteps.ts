import * as Y from 'yjs'
import type { DeleteSet } from './capture.ts'

/**
 * After an edit: empties the room's UndoManager stacks and lets go of the content they kept from
 * garbage collection; the caller then collects it (Y.tryGc on `deleteSets`). It replaces
 * `undoManager.clear()`, which runs a whole document transaction for it (observers and cleanup
 * included: a visible share of the server's time per edit, docs/BENCHMARKS.md) and misses two
 * things the UndoManager keeps:
 * - what a compensated edit deleted: undo() pops that step, so clear() never sees its deletions;
 * - what undo() restored (Yjs's redoItem keeps the restored copy).
 * Both stayed marked for good, so once deleted that content was never collected.
 *
 * `deleteSets`: those of every transaction the edit ran (the edit and its compensation). For an
 * UndoManager whose scope is the whole document, the only one on its document (the room's). Mirrors
 * Yjs 13.6's clearUndoManagerStackItem and keepItem; deletions and insertions cover whole structs,
 * so none is split here.
 */
export function releaseUndoSteps(undoManager: Y.UndoManager, deleteSets: readonly DeleteSet[]): void {
  const { store } = undoManager.doc
  for (const deleteSet of deleteSets) letGoOf(store, deleteSet)
  for (const stack of [undoManager.undoStack, undoManager.redoStack]) {
    for (const step of stack) {
      letGoOf(store, step.deletions)
      letGoOf(store, step.insertions)
    }
    stack.length = 0
  }
}

/** Unmarks every item in `ids` (a set of id ranges). */
function letGoOf(store: Y.Doc['store'], ids: DeleteSet): void {
  for (const [client, ranges] of ids.clients) {
    const structs = store.clients.get(client)
    if (!structs) continue
    for (const { clock, len } of ranges) {
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++) {
        const struct = structs[i]
        if (struct instanceof Y.Item) letGo(struct)
      }
    }
  }
}

/** Unmarks an item and the ancestors its mark kept (Yjs's keepItem(item, false)). */
function letGo(item: Y.Item | null): void {
  while (item?.keep) {
    item.keep = false
    item = (item.parent as Y.AbstractType<unknown>)._item
  }
}
