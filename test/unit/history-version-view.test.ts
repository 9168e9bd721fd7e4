import { contentOf, type RichTextNode } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { headlessDocument } from '../../client/src/features/comments/headlessDocument.ts'
import { richTextSchema } from '../../client/src/features/documents/richTextExtensions.ts'
import { versionDocument } from '../../client/src/features/history/proseMirrorJson.ts'
import { documentJson } from '@ensemble/server/domain'
import { element, para, runs } from '../helpers/richTextBlocks.ts'

/** Headings, marks (bold, italic, a link), a list, a quote and a table, as typed in the editor. */
function editorBlocks(): Y.XmlElement[] {
  return [
    element('heading', { level: 1 }, [runs(['Article 1 — Objet'])]),
    para(
      ['Coopérer '],
      ['pour le littoral', { bold: {}, italic: {} }],
      [', voir '],
      ['la charte', { link: { href: 'https://example.org/charte', target: '_blank', rel: 'noopener noreferrer nofollow', class: null } }],
      ['.'],
    ),
    element('heading', { level: 2 }, [runs(['Article 2 — Durée'])]),
    element('bulletList', {}, [element('listItem', {}, [para(['trois ans'])]), element('listItem', {}, [para(['renouvelable'])])]),
    element('blockquote', {}, [para(['Citation'])]),
    element('table', {}, [
      element('tableRow', {}, [element('tableHeader', {}, [para(['Partenaire'])]), element('tableHeader', {}, [para(['Part'])])]),
      element('tableRow', {}, [element('tableCell', {}, [para(['Ville de Lille'])]), element('tableCell', {}, [para(['40 %'])])]),
    ]),
  ]
}

describe('a version shown in the editor’s layout (pure part of the version viewer)', () => {
  it('[HIST11] the server’s stored JSON of a version becomes the very document the editor held: headings, marks, links, lists, quotes and tables', () => {
    const schema = richTextSchema()
    const doc = new Y.Doc()
    contentOf(doc).insert(0, editorBlocks())
    // The editor reads the fragment with y-tiptap; the viewer gets the server's JSON of it.
    const inEditor = headlessDocument(contentOf(doc)).doc
    const stored = documentJson(doc, 'agreement').content as RichTextNode[]
    const shown = versionDocument(stored, schema)
    expect(inEditor.textContent).toContain('Ville de Lille')
    expect(schema.nodeFromJSON(shown).toJSON()).toEqual(inEditor.toJSON())
    expect(shown.content?.[0]).toEqual({
      type: 'heading',
      attrs: expect.objectContaining({ level: 1 }),
      content: [{ type: 'text', text: 'Article 1 — Objet' }],
    })
  })

  it('[HIST11] an empty version shows one empty paragraph; a node the schema does not know is refused, not half shown', () => {
    const schema = richTextSchema()
    expect(versionDocument([], schema)).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] })
    expect(() => versionDocument([{ type: 'marquee', content: [{ type: 'text', text: 'x' }] }], schema)).toThrow()
    expect(() => versionDocument([{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: { blink: {} } }] }], schema)).toThrow()
  })
})
