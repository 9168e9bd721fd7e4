import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  contentOf,
  documentMetaOf,
  EDITOR_MARKS,
  EDITOR_NODES,
  HEADING_LEVELS,
  isAllowedHref,
  MAX_NODE_DEPTH,
  validateDocument,
  workspaceContextFrom,
  type RuleId,
} from '../src/index.ts'

/**
 * Rich-text documents hold what the editor's schema holds (VAL18–VAL20), nothing else (VAL22). The
 * valid fixture is what y-prosemirror writes for TipTap StarterKit + TableKit as the client
 * configures them (captured from the real editor schema): every node and mark type once.
 */
const ctx = workspaceContextFrom([], [])

const el = (name: string, attrs: Record<string, unknown>, children: (Y.XmlElement | Y.XmlText)[] = []): Y.XmlElement => {
  const e = new Y.XmlElement(name)
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v as string)
  e.insert(0, children)
  return e
}
const txt = (s: string, marks?: Record<string, unknown>): Y.XmlText => {
  const t = new Y.XmlText()
  t.insert(0, s, marks)
  return t
}
/** `count` blockquotes, each inside the previous one, around `inner`. */
const quotes = (count: number, inner: Y.XmlElement): Y.XmlElement => {
  let block = inner
  for (let i = 0; i < count; i++) block = el('blockquote', {}, [block])
  return block
}
const LINK = { href: 'https://ensemble.example/charte', target: '_blank', rel: 'noopener noreferrer nofollow', class: null, title: null }

function editorDocument(): Y.Doc {
  const doc = new Y.Doc()
  doc.transact(() => {
    contentOf(doc).insert(0, [
      el('heading', { level: 2 }, [txt('Titre')]),
      el('paragraph', {}, [txt('gras', { bold: {}, link: LINK }), el('hardBreak', {}), txt('x', { code: {}, underline: {}, italic: {}, strike: {} })]),
      el('orderedList', { start: 3 }, [el('listItem', {}, [el('paragraph', {})])]),
      el('bulletList', {}, [el('listItem', {}, [el('paragraph', {}, [txt('puce')]), el('bulletList', {}, [el('listItem', {}, [el('paragraph', {})])])])]),
      el('codeBlock', { language: 'js' }, [txt('const a = 1')]),
      el('table', {}, [
        el('tableRow', {}, [
          el('tableHeader', { colspan: 1, rowspan: 1 }, [el('paragraph', {})]),
          el('tableCell', { colspan: 2, rowspan: 1, colwidth: [100, 50] }, [el('paragraph', {})]),
        ]),
      ]),
      el('horizontalRule', {}),
      el('blockquote', {}, [el('paragraph', {}, [txt('citation')])]),
      el('paragraph', {}, [txt('mail', { link: { ...LINK, href: 'mailto:contact@ensemble.example' } })]),
    ])
    const meta = documentMetaOf(doc)
    meta.set('title', 'Charte')
    meta.set('status', 'draft')
    meta.set('adoptedVersionId', null)
  })
  return doc
}

const rulesOf = (doc: Y.Doc, docName = 'charter') => validateDocument(doc, docName, ctx).map((v) => v.rule)

describe('rich-text documents', () => {
  it('[VAL18] [VAL19] [VAL20] what the editor writes is valid: every node and mark of its schema', () => {
    const doc = editorDocument()
    expect(validateDocument(doc, 'charter', ctx)).toEqual([])
    const names = new Set<string>()
    const walk = (t: Y.XmlFragment): void => {
      for (const c of t.toArray()) {
        if (!(c instanceof Y.XmlElement)) continue
        names.add(c.nodeName)
        walk(c)
      }
    }
    walk(contentOf(doc))
    expect([...names].sort()).toEqual(Object.keys(EDITOR_NODES).sort())
    expect(Object.keys(EDITOR_MARKS).sort()).toEqual(['bold', 'code', 'italic', 'link', 'strike', 'underline'])
    expect(HEADING_LEVELS).toEqual([1, 2, 3])
  })

  const INVALID: [RuleId, string, (doc: Y.Doc) => void][] = [
    ['VAL18', 'an unknown node (image)', (d) => contentOf(d).push([el('image', { src: 'https://x.org/a.png' })])],
    ['VAL18', 'a script element', (d) => contentOf(d).push([el('script', {}, [txt('alert(1)')])])],
    ['VAL18', 'a heading of level 4', (d) => contentOf(d).push([el('heading', { level: 4 }, [txt('h4')])])],
    ['VAL18', 'an unknown attribute (onclick)', (d) => (contentOf(d).get(0) as Y.XmlElement).setAttribute('onclick', 'x()')],
    ['VAL18', 'a list item at the root', (d) => contentOf(d).push([el('listItem', {}, [el('paragraph', {})])])],
    ['VAL18', 'a paragraph directly in a list', (d) => (contentOf(d).get(3) as Y.XmlElement).push([el('paragraph', {})])],
    ['VAL18', 'text directly at the root', (d) => contentOf(d).push([txt('à la racine')])],
    ['VAL18', 'a table cell outside a row', (d) => (contentOf(d).get(5) as Y.XmlElement).push([el('tableCell', {}, [el('paragraph', {})])])],
    ['VAL18', 'an embed inside text', (d) => ((contentOf(d).get(0) as Y.XmlElement).get(0) as Y.XmlText).insertEmbed(0, { image: 'x' })],
    ['VAL18', 'an attribute on text', (d) => ((contentOf(d).get(0) as Y.XmlElement).get(0) as Y.XmlText).setAttribute('style', 'x')],
    ['VAL19', 'an unknown mark (textStyle)', (d) => ((contentOf(d).get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 2, { textStyle: { color: 'red' } })],
    [
      'VAL19',
      'a javascript: link',
      (d) => ((contentOf(d).get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 2, { link: { ...LINK, href: 'javascript:alert(1)' } }),
    ],
    ['VAL19', 'a data: link', (d) => ((contentOf(d).get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 2, { link: { ...LINK, href: 'data:text/html,x' } })],
    ['VAL19', 'a link without address', (d) => ((contentOf(d).get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 2, { link: { target: '_blank' } })],
    ['VAL19', 'bold inside a code block', (d) => ((contentOf(d).get(4) as Y.XmlElement).get(0) as Y.XmlText).format(0, 2, { bold: {} })],
    [
      'VAL20',
      'a link address over 2048 characters',
      (d) => ((contentOf(d).get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 2, { link: { ...LINK, href: `https://x.org/${'a'.repeat(2048)}` } }),
    ],
    ['VAL20', 'a bold mark carrying attributes', (d) => ((contentOf(d).get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 2, { bold: { style: 'x' } })],
    [
      'VAL20',
      'a colspan of 0',
      (d) => (((contentOf(d).get(5) as Y.XmlElement).get(0) as Y.XmlElement).get(1) as Y.XmlElement).setAttribute('colspan', 0 as unknown as string),
    ],
    [
      'VAL20',
      'a column width list of 1001 entries',
      (d) =>
        (((contentOf(d).get(5) as Y.XmlElement).get(0) as Y.XmlElement).get(1) as Y.XmlElement).setAttribute(
          'colwidth',
          Array(1001).fill(10) as unknown as string,
        ),
    ],
    ['VAL20', 'a code language of 65 characters', (d) => (contentOf(d).get(4) as Y.XmlElement).setAttribute('language', 'x'.repeat(65))],
    ['VAL18', 'a heading level given as text', (d) => (contentOf(d).get(0) as Y.XmlElement).setAttribute('level', '2')],
    ['VAL20', 'a negative list start', (d) => (contentOf(d).get(2) as Y.XmlElement).setAttribute('start', -1 as unknown as string)],
    ['VAL21', 'an unknown document status', (d) => documentMetaOf(d).set('status', 'frozen')],
    ['VAL21', 'a shared type in meta', (d) => documentMetaOf(d).set('title', new Y.Text('x'))],
    ['VAL22', 'an invented root', (d) => d.getMap('hack').set('x', 1)],
    ['VAL23', 'a paragraph 25 elements deep (24 quotes)', (d) => contentOf(d).push([quotes(MAX_NODE_DEPTH, el('paragraph', {}, [txt('fond')]))])],
    [
      'VAL23',
      'a list item 25 elements deep in a table cell',
      (d) => {
        const cell = ((contentOf(d).get(5) as Y.XmlElement).get(0) as Y.XmlElement).get(1) as Y.XmlElement
        cell.push([quotes(MAX_NODE_DEPTH - 4, el('bulletList', {}, [el('listItem', {}, [el('paragraph', {})])]))])
      },
    ],
  ]

  it('[VAL23] a paragraph 24 elements deep is valid', () => {
    const doc = editorDocument()
    contentOf(doc).push([quotes(MAX_NODE_DEPTH - 1, el('paragraph', {}, [txt('fond')]))])
    expect(rulesOf(doc)).toEqual([])
  })

  it.each(INVALID)('[%s] %s is refused', (rule, _label, mutate) => {
    const doc = editorDocument()
    mutate(doc)
    expect(rulesOf(doc)).toContain(rule)
  })

  it('[VAL22] list content written into the meta map is refused (as a server replica loaded from updates sees it)', () => {
    const hostile = new Y.Doc()
    hostile.getArray('meta').push([1])
    const replica = new Y.Doc()
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(hostile))
    expect(rulesOf(replica)).toContain('VAL22')
  })

  it('[VAL22] minutes hold content only: a meta is outside their layout', () => {
    const doc = new Y.Doc()
    contentOf(doc).push([el('paragraph', {}, [txt('Compte rendu')])])
    expect(rulesOf(doc, 'minutes:m1')).toEqual([])
    documentMetaOf(doc).set('title', 'x')
    expect(rulesOf(doc, 'minutes:m1')).toEqual(['VAL22'])
  })

  it.each([
    ['https://ensemble.example/a?b=c#d', true],
    ['http://localhost:8080', true],
    ['mailto:contact@ensemble.example', true],
    ['HTTPS://EXAMPLE.ORG', true],
    ['javascript:alert(1)', false],
    ['JaVaScRiPt:alert(1)', false],
    ['data:text/html;base64,PHNjcmlwdD4=', false],
    ['file:///etc/passwd', false],
    ['//evil.example', false],
    ['/relative/path', false],
    ['https://', false],
    ['vbscript:msgbox', false],
    [42, false],
  ] as const)('[VAL19] link %s allowed: %s', (href, allowed) => {
    expect(isAllowedHref(href)).toBe(allowed)
  })
})
