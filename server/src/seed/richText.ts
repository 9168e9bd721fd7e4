import * as Y from 'yjs'

/**
 * Demo texts are data: a short list of blocks per document, turned here into the Y.XmlFragment
 * layout the TipTap editor (StarterKit + Table) reads and writes through @tiptap/y-tiptap:
 *
 * - one Y.XmlElement per ProseMirror node, named after the node type (`paragraph`, `heading`,
 *   `bulletList`, `orderedList`, `listItem`, `blockquote`, `table`, `tableRow`, `tableHeader`,
 *   `tableCell`), with the node's non-null attributes as XML attributes (`level` is a number);
 * - the text of a textblock in one Y.XmlText whose format attributes are the marks, keyed by mark
 *   name with the mark's attrs as value: `{ bold: {} }`, `{ italic: {} }`, `{ link: { href, … } }`.
 *
 * Inline text uses a tiny markup so content files read like prose: `**gras**`, `_italique_`,
 * `[libellé](https://…)`, `[libellé](/alliances/…)` (a same-origin link, GOV25). Nothing else is interpreted.
 */
export type Inline = string

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: Inline }
  | { type: 'paragraph'; text: Inline }
  | { type: 'bulletList' | 'orderedList'; items: Inline[] }
  | { type: 'blockquote'; paragraphs: Inline[] }
  | { type: 'table'; header: Inline[]; rows: Inline[][] }

/** What a rich-text document of the demo holds: its title (meta) and its body. */
export interface RichTextContent {
  title: string
  blocks: Block[]
}

type Attrs = Record<string, unknown>
export interface Run {
  text: string
  attributes: Attrs
}

/**
 * The Link mark's attrs as TipTap 3's Link extension sets them by default (target, rel), so a link
 * the seed wrote and one a user wrote look the same to every replica.
 */
const linkAttrs = (href: string): Attrs => ({
  href,
  // A same-origin link (to a governance body, GOV25) opens in the app, as the link form sets it.
  target: href.startsWith('/') ? null : '_blank',
  rel: 'noopener noreferrer nofollow',
  class: null,
  title: null,
})

const TOKEN = /\*\*(.+?)\*\*|_(.+?)_|\[([^\]]+)\]\((https?:\/\/[^)\s]+|\/[^)\s]+)\)/g

/** Splits inline markup into text runs with their mark attributes. Marks do not nest. */
export function parseInline(source: string): Run[] {
  const runs: Run[] = []
  let last = 0
  for (const m of source.matchAll(TOKEN)) {
    if (m.index > last) runs.push({ text: source.slice(last, m.index), attributes: {} })
    if (m[1] !== undefined) runs.push({ text: m[1], attributes: { bold: {} } })
    else if (m[2] !== undefined) runs.push({ text: m[2], attributes: { italic: {} } })
    else runs.push({ text: m[3]!, attributes: { link: linkAttrs(m[4]!) } })
    last = m.index + m[0].length
  }
  if (last < source.length) runs.push({ text: source.slice(last), attributes: {} })
  return runs
}

type El = Y.XmlElement

function element(name: string, attrs: Record<string, string | number> = {}, children: (El | Y.XmlText)[] = []): El {
  const el = new Y.XmlElement(name)
  // Attribute values keep their JSON type (y-tiptap writes `level` as a number); yjs types them as strings by default.
  const typed = el as unknown as Y.XmlElement<Record<string, string | number>>
  for (const [key, value] of Object.entries(attrs)) typed.setAttribute(key, value)
  if (children.length) el.insert(0, children)
  return el
}

function text(source: Inline): Y.XmlText {
  const t = new Y.XmlText()
  // Explicit (possibly empty) attributes on every run: an insert without attributes would inherit the
  // marks of the text before it.
  t.applyDelta(parseInline(source).map((r) => ({ insert: r.text, attributes: r.attributes })))
  return t
}

function textblock(name: string, source: Inline, attrs: Record<string, string | number> = {}): El {
  return element(name, attrs, source ? [text(source)] : [])
}

const paragraph = (source: Inline): El => textblock('paragraph', source)

function blockToXml(block: Block): El {
  switch (block.type) {
    case 'heading':
      return textblock('heading', block.text, { level: block.level })
    case 'paragraph':
      return paragraph(block.text)
    case 'bulletList':
      return element(
        'bulletList',
        {},
        block.items.map((item) => element('listItem', {}, [paragraph(item)])),
      )
    case 'orderedList':
      return element(
        'orderedList',
        { start: 1 },
        block.items.map((item) => element('listItem', {}, [paragraph(item)])),
      )
    case 'blockquote':
      return element('blockquote', {}, block.paragraphs.map(paragraph))
    case 'table': {
      const cell = (name: 'tableHeader' | 'tableCell', source: Inline) => element(name, { colspan: 1, rowspan: 1 }, [paragraph(source)])
      const rows = [
        element(
          'tableRow',
          {},
          block.header.map((h) => cell('tableHeader', h)),
        ),
        ...block.rows.map((row) =>
          element(
            'tableRow',
            {},
            row.map((c) => cell('tableCell', c)),
          ),
        ),
      ]
      return element('table', {}, rows)
    }
  }
}

/** Appends the blocks to a fragment (the `content` root of a rich-text document). */
export function writeBlocks(fragment: Y.XmlFragment, blocks: readonly Block[]): void {
  fragment.insert(fragment.length, blocks.map(blockToXml))
}
