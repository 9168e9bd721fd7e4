import * as Y from 'yjs'

/** A refusal (type 100) follows its compensation on the same socket at once; older undoings are someone else's. */
const REFUSAL_WINDOW_MS = 3000

interface Undone {
  clock: number
  text: string
  at: number
}

/**
 * What the server took back of the text typed here. A refused edit comes back as an update that
 * deletes what this replica wrote (its compensation, PROTOCOL §3), followed by the typed refusal:
 * every update from the server that deletes text written under this replica's client id is noted,
 * and `take()`, called when the refusal arrives, returns that text (paragraphs on their own lines).
 * The text is read before Yjs garbage-collects it (`afterTransaction` comes first).
 */
export class UndoneTextWatcher {
  private undone: Undone[] = []

  constructor(
    private readonly doc: Y.Doc,
    private readonly now: () => number = Date.now,
  ) {
    doc.on('afterTransaction', this.onTransaction)
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.onTransaction)
  }

  /** The text undone by the server within the last moments, oldest typing first; forgets it. */
  take(): string {
    const since = this.now() - REFUSAL_WINDOW_MS
    const recent = this.undone.filter((u) => u.at >= since).sort((a, b) => a.clock - b.clock)
    this.undone = []
    return recent
      .map((u) => u.text)
      .join('')
      .replace(/^\n+|\n+$/g, '')
  }

  private readonly onTransaction = (transaction: Y.Transaction): void => {
    if (transaction.local) return
    const own = this.doc.clientID
    const at = this.now()
    Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
      if (!(struct instanceof Y.Item) || struct.id.client !== own) return
      const content = struct.content
      if (content instanceof Y.ContentString) this.undone.push({ clock: struct.id.clock, text: content.str, at })
      // A paragraph (or any block) typed here and taken back: its text starts a new line.
      else if (content instanceof Y.ContentType && content.type instanceof Y.XmlElement) this.undone.push({ clock: struct.id.clock, text: '\n', at })
    })
  }
}
