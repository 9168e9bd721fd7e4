import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

/**
 * Yjs updates written by hand, as a hostile client would write them: structs at any client id and
 * clock, whatever the sender's own id is (HOST1), and types nested as deep as one likes (HOST2).
 */

/** A V1 update holding `structs` (all of one client, consecutive from the first one's clock) and no deletion. */
function updateOf(structs: (Y.GC | Y.Skip | Y.Item)[]): Uint8Array {
  const encoder = new Y.UpdateEncoderV1()
  const first = structs[0]!
  encoding.writeVarUint(encoder.restEncoder, 1)
  encoding.writeVarUint(encoder.restEncoder, structs.length)
  encoder.writeClient(first.id.client)
  encoding.writeVarUint(encoder.restEncoder, first.id.clock)
  for (const struct of structs) struct.write(encoder, 0)
  encoding.writeVarUint(encoder.restEncoder, 0)
  return encoder.toUint8Array()
}

/** A GC struct: `length` clocks of `client` from `clock`, marked as collected. */
export const gcAt = (client: number, clock: number, length: number): Uint8Array => updateOf([new Y.GC(Y.createID(client, clock), length)])

/** A skip struct over `length` clocks of `client` from `clock`. */
export const skipAt = (client: number, clock: number, length: number): Uint8Array => updateOf([new Y.Skip(Y.createID(client, clock), length)])

/** An item inserting `text` into the root type `root`, at `client`'s `clock` (refused by the rules as content outside the layout). */
export const textItemAt = (client: number, clock: number, root: string, text: string): Uint8Array =>
  updateOf([new Y.Item(Y.createID(client, clock), null, null, null, null, root as unknown as Y.AbstractType<unknown>, null, new Y.ContentString(text))])

/** An update creating `depth` maps, each inside the previous one, under `root` (a map root type). */
export function nestedMaps(root: string, depth: number): Uint8Array {
  const doc = new Y.Doc()
  doc.transact(() => {
    let map = doc.getMap(root)
    for (let i = 0; i < depth; i++) {
      const child = new Y.Map<unknown>()
      map.set('k', child)
      map = child
    }
  })
  return Y.encodeStateAsUpdate(doc)
}

/** An update creating `depth` arrays, each inside the previous one, under the array root `root`. */
export function nestedArrays(root: string, depth: number): Uint8Array {
  const doc = new Y.Doc()
  doc.transact(() => {
    let array = doc.getArray<unknown>(root)
    for (let i = 0; i < depth; i++) {
      const child = new Y.Array<unknown>()
      array.push([child])
      array = child
    }
  })
  return Y.encodeStateAsUpdate(doc)
}

/** An update pushing `depth` blockquotes, each inside the previous one, into the rich-text root `content`. */
export function nestedQuotesUpdate(depth: number): Uint8Array {
  const doc = new Y.Doc()
  doc.transact(() => {
    let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment('content')
    for (let i = 0; i < depth; i++) {
      const quote = new Y.XmlElement('blockquote')
      parent.push([quote])
      parent = quote
    }
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.push([new Y.XmlText('Au fond.')])
    parent.push([paragraph])
  })
  return Y.encodeStateAsUpdate(doc)
}

/** An update setting one entry of the map root `root` under a key of `length` characters. */
export function longKey(root: string, length: number): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap(root).set('k'.repeat(length), 1)
  return Y.encodeStateAsUpdate(doc)
}

/** An update inserting a paragraph of `bytes` characters into the rich-text root `content`. */
export function largeParagraph(bytes: number, fill = 'x'): Uint8Array {
  const doc = new Y.Doc()
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.push([new Y.XmlText(fill.repeat(bytes))])
  doc.getXmlFragment('content').push([paragraph])
  return Y.encodeStateAsUpdate(doc)
}
