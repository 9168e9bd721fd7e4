import { contentOf, richTextNodes } from '@ensemble/shared'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { RichTextPreview, renderNodes } from '../../client/src/features/documents/RichTextPreview.tsx'
import { element, para, runs } from '../helpers/richTextBlocks.ts'

function markupOf(blocks: Y.XmlElement[]): string {
  const doc = new Y.Doc()
  contentOf(doc).insert(0, blocks)
  return renderToStaticMarkup(createElement('div', null, renderNodes(richTextNodes(contentOf(doc)))))
}

describe('[BENCH4] the first screen of a rich-text document', () => {
  it('[BENCH4] writes each node and mark with the editor’s tags, links outermost', () => {
    const link = { href: 'https://example.org/charte', target: '_blank', rel: 'noopener noreferrer nofollow', class: null }
    expect(
      markupOf([
        element('heading', { level: 2 }, [runs(['Article 1 — Objet'])]),
        para(['Coopérer '], ['pour le littoral', { bold: {}, italic: {} }], [', voir '], ['la charte', { bold: {}, link }], ['.']),
        element('bulletList', {}, [element('listItem', {}, [para(['trois ans'])])]),
        element('orderedList', { start: 3 }, [element('listItem', {}, [para(['troisième'])])]),
        element('blockquote', {}, [para(['Citation'])]),
        element('codeBlock', { language: null }, [runs(['x = 1'])]),
        element('horizontalRule', {}, []),
        element('paragraph', {}, [runs(['ligne'])]),
      ]),
    ).toBe(
      '<div><h2>Article 1 — Objet</h2>' +
        '<p>Coopérer <strong><em>pour le littoral</em></strong>, voir <a href="https://example.org/charte" rel="noopener noreferrer nofollow" target="_blank"><strong>la charte</strong></a>.</p>' +
        '<ul><li><p>trois ans</p></li></ul><ol start="3"><li><p>troisième</p></li></ol><blockquote><p>Citation</p></blockquote>' +
        '<pre><code>x = 1</code></pre><hr/><p>ligne</p></div>',
    )
  })

  it('[BENCH4] keeps an empty paragraph one line high, spans table cells, and never links to what the server refuses', () => {
    const html = markupOf([
      element('paragraph', {}, []),
      element('table', {}, [
        element('tableRow', {}, [element('tableHeader', { colspan: 2, rowspan: 1 }, [para(['Partenaire'])])]),
        element('tableRow', {}, [element('tableCell', { colspan: 1, rowspan: 1 }, [para(['Ville'])]), element('tableCell', {}, [para(['40 %'])])]),
      ]),
      para(['piège', { link: { href: 'javascript:alert(1)' } }], [' et '], ['<b>brut</b>']),
    ])
    expect(html).toBe(
      '<div><p><br/></p>' +
        '<div class="tableWrapper"><table><tbody><tr><th colSpan="2"><p>Partenaire</p></th></tr><tr><td><p>Ville</p></td><td><p>40 %</p></td></tr></tbody></table></div>' +
        '<p>piège et &lt;b&gt;brut&lt;/b&gt;</p></div>',
    )
  })

  it('[BENCH4] is read-only and marked busy, labelled like the editor', async () => {
    const doc = new Y.Doc()
    contentOf(doc).insert(0, [para(['Préambule'])])
    const html = renderToStaticMarkup(createElement(RichTextPreview, { fragment: contentOf(doc), label: 'Texte du document « Accord »' }))
    expect(html).toBe(
      '<div class="prose prose--preview" aria-label="Texte du document « Accord »" aria-busy="true" role="document" data-testid="document-preview"><p>Préambule</p></div>',
    )
    // An empty document still shows its one empty line.
    expect(renderToStaticMarkup(createElement(RichTextPreview, { fragment: contentOf(new Y.Doc()), label: 'x' }))).toContain('<p><br/></p>')
  })
})
