import { contentOf } from '@ensemble/shared'
import * as Y from 'yjs'

/**
 * Unique tokens `tok-<who>-<n>` typed into a rich-text document: durability and scale tests count
 * which ones survive a crash, a restart or an outage.
 */
const TOKEN = /tok-[a-z0-9]+-\d+/g

/** Tokens present in the document, with repetitions (to spot duplicates). */
export const tokenList = (doc: Y.Doc): string[] => contentOf(doc).toString().match(TOKEN) ?? []

export const tokensIn = (doc: Y.Doc): Set<string> => new Set(tokenList(doc))

/** Inserts ` token ` into the first paragraph (at its start or end), creating the paragraph if needed. */
export function typeToken(doc: Y.Doc, token: string, atStart = false): void {
  // One transaction: one update, one log row.
  doc.transact(() => {
    const fragment = contentOf(doc)
    let paragraph = fragment.get(0) as Y.XmlElement | undefined
    if (!paragraph) {
      paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText('')])
      fragment.push([paragraph])
    }
    const text = paragraph.get(0) as Y.XmlText
    text.insert(atStart ? 0 : text.length, ` ${token} `)
  })
}
