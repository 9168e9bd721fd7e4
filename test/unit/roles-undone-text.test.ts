import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { UndoneTextWatcher } from '../../client/src/features/roles/undoneText.ts'

/** Two replicas wired like a client and the room: every update goes across with a remote origin. */
function pair() {
  const mine = new Y.Doc()
  const room = new Y.Doc()
  mine.on('update', (update: Uint8Array, origin: unknown) => origin !== 'room' && Y.applyUpdate(room, update, 'client'))
  room.on('update', (update: Uint8Array, origin: unknown) => origin !== 'client' && Y.applyUpdate(mine, update, 'room'))
  return { mine, room }
}

const paragraph = (doc: Y.Doc, index: number) => doc.getXmlFragment('content').get(index) as Y.XmlElement
const textOf = (doc: Y.Doc, index: number) => paragraph(doc, index).get(0) as Y.XmlText

function addParagraph(doc: Y.Doc, text: string) {
  doc.transact(() => {
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [new Y.XmlText(text)])
    const fragment = doc.getXmlFragment('content')
    fragment.insert(fragment.length, [p])
  })
}

describe('the text the server takes back (features/roles/undoneText.ts)', () => {
  it('[ROLE4] what this replica typed and the server deleted comes back in typing order, paragraphs on their own lines; others’ text and local deletions do not', () => {
    let now = 1_000
    const { mine, room } = pair()
    const watcher = new UndoneTextWatcher(mine, () => now)
    addParagraph(room, 'Texte commun. ')
    textOf(mine, 0).insert(14, 'Ajout ')
    textOf(mine, 0).insert(20, 'refusé.')
    addParagraph(mine, 'Second paragraphe.')
    // A local deletion of one's own text is not a refusal.
    textOf(mine, 1).delete(0, 7)
    expect(watcher.take()).toBe('')

    // The room compensates: what this replica typed goes, the shared text stays.
    room.transact(() => {
      textOf(room, 0).delete(14, 13)
      room.getXmlFragment('content').delete(1, 1)
    })
    expect(textOf(mine, 0).toString()).toBe('Texte commun. ')
    expect(watcher.take()).toBe('Ajout refusé.\nparagraphe.')
    // Taken once.
    expect(watcher.take()).toBe('')

    // Someone else deleting the room's text is not this replica's typing.
    room.transact(() => textOf(room, 0).delete(0, 6))
    expect(watcher.take()).toBe('')

    // An old undoing (a co-editor deleting this replica's words long ago) is not the refusal that just arrived.
    textOf(mine, 0).insert(0, 'Ancien ')
    room.transact(() => textOf(room, 0).delete(0, 7))
    now += 10_000
    expect(watcher.take()).toBe('')
    watcher.destroy()
  })
})
