import type { JSONContent } from '@tiptap/core'
import type { Schema } from '@tiptap/pm/model'
import { richTextMarkName, type RichTextNode } from '@ensemble/shared'

function convert(node: RichTextNode): JSONContent | null {
  if (node.type === 'text' && 'text' in node) {
    if (!node.text) return null
    const marks = Object.entries(node.marks ?? {}).map(([key, attrs]) => ({
      type: richTextMarkName(key),
      ...(attrs && typeof attrs === 'object' && Object.keys(attrs).length ? { attrs: attrs as Record<string, unknown> } : {}),
    }))
    return { type: 'text', text: node.text, ...(marks.length ? { marks } : {}) }
  }
  const element = node as { type: string; attrs?: Record<string, unknown>; content?: RichTextNode[] }
  const content = (element.content ?? []).map(convert).filter((n): n is JSONContent => n !== null)
  return { type: element.type, ...(element.attrs ? { attrs: element.attrs } : {}), ...(content.length ? { content } : {}) }
}

/**
 * The stored blocks of a version as a ProseMirror document of the editor's schema, checked against it
 * (throws on a node or mark the schema does not know, so a broken version is reported, not half shown).
 */
export function versionDocument(blocks: readonly RichTextNode[], schema: Schema): JSONContent {
  const json: JSONContent = { type: 'doc', content: blocks.map(convert).filter((n): n is JSONContent => n !== null) }
  if (!json.content?.length) json.content = [{ type: 'paragraph' }]
  schema.nodeFromJSON(json).check()
  return json
}
