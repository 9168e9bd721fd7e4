import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { releaseUndoSteps } from '@ensemble/server/collab'
import { prng } from '../fuzz/rulesFuzz.ts'

const EDIT = 'edit'

/** A document like a room's: garbage collection on, one UndoManager over the whole document. */
function roomLike() {
  const doc = new Y.Doc({ gc: true })
  doc.clientID = 1
  const undoManager = new Y.UndoManager(doc, { trackedOrigins: new Set([EDIT]), captureTimeout: 0 })
  const deleteSets: Y.Transaction['deleteSet'][] = []
  doc.on('afterTransaction', (transaction: Y.Transaction) => deleteSets.push(transaction.deleteSet))
  return { doc, undoManager, deleteSets }
}

type Room = ReturnType<typeof roomLike>

/** One random edit, as one transaction (the same on every document given the same draws). */
function edit(room: Room, random: () => number): void {
  const { doc } = room
  const text = doc.getText('text')
  const map = doc.getMap<unknown>('map')
  const list = doc.getArray<string>('list')
  doc.transact(() => {
    const r = random()
    if (r < 0.3) text.insert(Math.floor(random() * (text.length + 1)), 'abcdef'.slice(0, 1 + Math.floor(random() * 6)))
    else if (r < 0.45 && text.length > 0) {
      const at = Math.floor(random() * text.length)
      text.delete(at, 1 + Math.floor(random() * Math.min(8, text.length - at)))
    } else if (r < 0.55) map.set(`k${Math.floor(random() * 4)}`, Math.floor(random() * 100))
    else if (r < 0.63) {
      // A nested entry two levels deep (an action, its milestones…), replacing the one before.
      const nested = new Y.Map<unknown>()
      nested.set('title', `titre ${Math.floor(random() * 100)}`)
      const inner = new Y.Map<unknown>()
      inner.set('notes', new Y.Text('abc'))
      nested.set('inner', inner)
      map.set(`n${Math.floor(random() * 3)}`, nested)
    } else if (r < 0.73) {
      // Typing or deleting deep inside one, or removing it whole.
      const nested = map.get(`n${Math.floor(random() * 3)}`)
      const notes = nested instanceof Y.Map ? ((nested.get('inner') as Y.Map<unknown>).get('notes') as Y.Text) : null
      const what = random()
      if (!notes) return
      if (what < 0.5) notes.insert(Math.floor(random() * (notes.length + 1)), 'xyz')
      else if (what < 0.8 && notes.length > 0) notes.delete(0, Math.min(2, notes.length))
      else map.delete(`n${Math.floor(random() * 3)}`)
    } else if (r < 0.9) list.push([`item ${Math.floor(random() * 100)}`])
    else if (list.length > 0) list.delete(Math.floor(random() * list.length), 1)
  }, EDIT)
  // A refused edit is compensated by undoing it (compensate.ts).
  if (random() < 0.2) room.undoManager.undo()
}

/** As the room does after each edit: release (or clear), then collect what the edit's transactions deleted. */
function release(room: Room, how: 'release' | 'clear'): void {
  const deleteSets = room.deleteSets.splice(0)
  if (how === 'release') releaseUndoSteps(room.undoManager, deleteSets)
  else room.undoManager.clear()
  for (const deleteSet of deleteSets) Y.tryGc(deleteSet, room.doc.store, room.doc.gcFilter)
}

/** Deleted items still holding their content (text, values, types), and items still marked kept. */
function leftovers(doc: Y.Doc): { uncollected: number; kept: number } {
  let uncollected = 0
  let kept = 0
  doc.store.clients.forEach((structs) => {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue
      if (struct.keep) kept++
      if (struct.deleted && !(struct.content instanceof Y.ContentDeleted)) uncollected++
    }
  })
  return { uncollected, kept }
}

describe("releasing a room's undo steps without a transaction", () => {
  it('[ROOM10] lets go of everything an edit kept, compensated or not, on seeded random edits (same document as with clear())', () => {
    let clearLeftKept = 0
    for (let seed = 1; seed <= 40; seed++) {
      const released = roomLike()
      const cleared = roomLike()
      const randomA = prng(seed)
      const randomB = prng(seed)
      for (let step = 0; step < 60; step++) {
        edit(released, randomA)
        edit(cleared, randomB)
        release(released, 'release')
        release(cleared, 'clear')
        expect(released.undoManager.undoStack.length + released.undoManager.redoStack.length, `seed ${seed}`).toBe(0)
        expect(leftovers(released.doc), `seed ${seed}, step ${step}`).toEqual({ uncollected: 0, kept: 0 })
      }
      expect(released.doc.toJSON(), `seed ${seed}`).toEqual(cleared.doc.toJSON())
      clearLeftKept += leftovers(cleared.doc).kept
    }
    // What clear() missed: a compensated edit's deletions and the copies undo() restored stay kept.
    expect(clearLeftKept).toBeGreaterThan(0)
  })

  it('[ROOM10] content an undo step keeps is collected only once it is released', () => {
    const room = roomLike()
    room.doc.transact(() => room.doc.getText('text').insert(0, 'bonjour'), EDIT)
    room.doc.transact(() => room.doc.getText('text').delete(0, 7), EDIT)
    const everythingDeleted = () => Y.tryGc(Y.createDeleteSetFromStructStore(room.doc.store), room.doc.store, room.doc.gcFilter)
    everythingDeleted()
    expect(leftovers(room.doc).uncollected).toBeGreaterThan(0)
    releaseUndoSteps(room.undoManager, [])
    everythingDeleted()
    expect(leftovers(room.doc)).toEqual({ uncollected: 0, kept: 0 })
  })
})
