import { actionsOf, buildAction, contentOf } from '@ensemble/shared'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { allChecks, describeChanges, type EditChanges, type EditCheck, RoomRegistry, writersOnly } from '@ensemble/server/collab'
import { docFrom } from '../contracts/docStore.contract.ts'
import { identity, MemoryNetwork } from '../helpers/memoryClient.ts'
import { MemoryDocStore } from '../helpers/memoryDocStore.ts'

/** Runs `edit` on `doc` and returns what describeChanges saw in its transaction. */
function changesOf(doc: Y.Doc, edit: () => void): EditChanges {
  let seen: EditChanges | null = null
  const onAfter = (transaction: Y.Transaction) => {
    seen = describeChanges(transaction)
  }
  doc.on('afterTransaction', onAfter)
  doc.transact(edit)
  doc.off('afterTransaction', onAfter)
  return seen!
}

function planWithAction(): Y.Doc {
  const doc = new Y.Doc()
  actionsOf(doc).set('a1', buildAction({ title: 'Titre', order: 'a0', milestones: { m1: { title: 'Jalon', date: '2030-01-01', done: false, order: 'a0' } } }))
  return doc
}

describe('describeChanges', () => {
  it('[EDIT1] names the root, the entity path and each changed key with what happened to it', () => {
    const doc = planWithAction()
    const a1 = actionsOf(doc).get('a1')!
    expect(changesOf(doc, () => a1.set('title', 'Nouveau'))).toEqual({
      types: [{ root: 'actions', path: ['a1'], keys: [{ key: 'title', change: 'update', before: 'Titre' }], content: false, target: expect.anything() }],
      deletedItems: 1,
    })
    expect(changesOf(doc, () => a1.delete('blockedReason')).types).toEqual([
      { root: 'actions', path: ['a1'], keys: [{ key: 'blockedReason', change: 'delete', before: '' }], content: false, target: expect.anything() },
    ])
    expect(changesOf(doc, () => a1.set('extra', 1)).types[0]!.keys).toEqual([{ key: 'extra', change: 'add' }])
  })

  it('[EDIT1] a new or removed entity is a key change on its parent', () => {
    const doc = planWithAction()
    expect(changesOf(doc, () => actionsOf(doc).set('a2', buildAction({ title: 'Deux', order: 'a1' }))).types).toEqual([
      { root: 'actions', path: [], keys: [{ key: 'a2', change: 'add' }], content: false, target: expect.anything() },
    ])
    const removed = changesOf(doc, () => actionsOf(doc).delete('a1'))
    expect(removed.types).toEqual([
      { root: 'actions', path: [], keys: [{ key: 'a1', change: 'delete', before: expect.any(Y.Map) }], content: false, target: expect.anything() },
    ])
    expect(removed.deletedItems).toBeGreaterThan(1)
  })

  it('[EDIT1] nested fields, text and list content are located by their path', () => {
    const doc = planWithAction()
    const a1 = actionsOf(doc).get('a1')!
    const changes = changesOf(doc, () => {
      ;(a1.get('description') as Y.Text).insert(0, 'Décrire')
      ;(a1.get('responsible') as Y.Array<string>).push(['u1'])
      ;(a1.get('milestones') as Y.Map<Y.Map<unknown>>).get('m1')!.set('done', true)
    })
    expect(changes.types).toEqual(
      expect.arrayContaining([
        { root: 'actions', path: ['a1', 'description'], keys: [], content: true, target: expect.anything() },
        { root: 'actions', path: ['a1', 'responsible'], keys: [], content: true, target: expect.anything() },
        {
          root: 'actions',
          path: ['a1', 'milestones', 'm1'],
          keys: [{ key: 'done', change: 'update', before: false }],
          content: false,
          target: expect.anything(),
        },
      ]),
    )
    expect(changes.types).toHaveLength(3)
  })

  it('[EDIT1] a step through an XML node has no key (null in the path)', () => {
    const doc = new Y.Doc()
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText('Article 1')])
    contentOf(doc).push([paragraph])
    const changes = changesOf(doc, () => (paragraph.get(0) as Y.XmlText).insert(0, '§ '))
    expect(changes.types).toEqual([{ root: 'content', path: [null, null], keys: [], content: true, target: expect.anything() }])
  })
})

describe('pluggable edit checks', () => {
  let rooms: RoomRegistry | null = null
  afterEach(async () => {
    await rooms?.closeAll()
  })

  it('[EDIT2] a check sees which entity and field changed, and a refusal names them to the author', async () => {
    // Example rule of the kind the permission matrix will express: only steering moves deadlines.
    const deadlinesForSteering: EditCheck = ({ identity: who, changes }) => {
      for (const type of changes.types) {
        const [actionId] = type.path
        if (type.root === 'actions' && type.path.length === 1 && type.keys.some((k) => k.key === 'deadline') && who.role !== 'steering') {
          return { code: 'edit_forbidden', entity: `actions/${actionId}`, field: 'deadline', message: { fr: 'Échéance réservée', en: 'Deadline reserved' } }
        }
      }
      return null
    }
    const store = new MemoryDocStore()
    rooms = new RoomRegistry({ store, checkEdit: allChecks(writersOnly, deadlinesForSteering) })
    const net = new MemoryNetwork(rooms)
    const steering = net.connect(identity({ userId: 's', role: 'steering' }))
    const editor = net.connect(identity({ userId: 'e', role: 'editor' }))
    await net.settle()
    actionsOf(steering.doc).set('a1', buildAction({ title: 'Titre', order: 'a0', deadline: '2030-01-01' }))
    await net.settle()

    actionsOf(editor.doc).get('a1')!.set('title', 'Titre révisé')
    await net.settle()
    actionsOf(editor.doc).get('a1')!.set('deadline', '2031-01-01')
    await net.settle()

    for (const client of [steering, editor]) {
      expect(actionsOf(client.doc).get('a1')!.get('title')).toBe('Titre révisé')
      expect(actionsOf(client.doc).get('a1')!.get('deadline')).toBe('2030-01-01')
    }
    expect(editor.errors).toEqual([{ code: 'edit_forbidden', entity: 'actions/a1', field: 'deadline', message: 'Échéance réservée' }])
    const stored = docFrom(await store.load({ workspaceId: 'w1', docName: 'plan' }))
    expect(actionsOf(stored).get('a1')!.get('deadline')).toBe('2030-01-01')
  })
})
