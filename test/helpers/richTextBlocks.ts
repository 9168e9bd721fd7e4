import * as Y from 'yjs'

/** A block as the editor stores it in Yjs: an element holding formatted text runs or other blocks. */
export function element(name: string, attrs: Record<string, unknown>, children: (Y.XmlElement | Y.XmlText)[]): Y.XmlElement {
  const el = new Y.XmlElement(name)
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value as string)
  el.insert(0, children)
  return el
}

/** Text runs, each with its marks (`{ bold: {} }`, `{ link: { href } }`). */
export function runs(...parts: [string, Record<string, unknown>?][]): Y.XmlText {
  const text = new Y.XmlText()
  let at = 0
  for (const [t, marks] of parts) {
    text.insert(at, t, marks ?? {})
    at += t.length
  }
  return text
}

export const para = (...parts: [string, Record<string, unknown>?][]): Y.XmlElement => element('paragraph', {}, [runs(...parts)])

/** `quotes` blockquotes, each inside the previous one, around one paragraph: quotes + 1 elements deep. */
export function nestedQuotes(quotes: number, text = 'Au fond.'): Y.XmlElement {
  let block = para([text])
  for (let i = 0; i < quotes; i++) block = element('blockquote', {}, [block])
  return block
}
