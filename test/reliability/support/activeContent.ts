import { contentOf } from '@ensemble/shared'
import * as Y from 'yjs'

/**
 * Active content a malicious member could write straight into a document's Yjs XmlFragment,
 * bypassing the editor (WEB3). Shared by the server half (test/reliability/web.test.ts) and the
 * browser half (test/browser/web-inert.test.ts), so both try the same payloads.
 */
export const ACTIVE_CONTENT_PAYLOADS: readonly (readonly [name: string, write: (doc: Y.Doc) => void])[] = [
  ['javascript: link', (doc) => contentOf(doc).push([paragraphWith((t) => t.insert(0, 'clique', { link: { href: 'javascript:alert(1)' } }))])],
  ['data: link', (doc) => contentOf(doc).push([paragraphWith((t) => t.insert(0, 'clique', { link: { href: 'data:text/html,<script>alert(1)</script>' } }))])],
  ['onclick attribute', (doc) => contentOf(doc).push([attributed('paragraph', 'onclick', 'alert(1)')])],
  ['onerror on an image', (doc) => contentOf(doc).push([attributed('image', 'onerror', 'alert(1)')])],
  ['iframe', (doc) => contentOf(doc).push([attributed('iframe', 'src', 'javascript:alert(1)')])],
  ['img with a javascript: src', (doc) => contentOf(doc).push([attributed('img', 'src', 'javascript:alert(1)')])],
  ['script', (doc) => contentOf(doc).push([paragraphWith((t) => t.insert(0, 'x')), new Y.XmlElement('script')])],
  ['style attribute', (doc) => contentOf(doc).push([attributed('paragraph', 'style', 'background:url(javascript:alert(1))')])],
]

/** A paragraph holding one text node, filled by `fill`. */
export const paragraphWith = (fill: (text: Y.XmlText) => void): Y.XmlElement => {
  const paragraph = new Y.XmlElement('paragraph')
  const text = new Y.XmlText()
  paragraph.insert(0, [text])
  fill(text)
  return paragraph
}

const attributed = (name: string, attribute: string, value: string): Y.XmlElement => {
  const element = name === 'paragraph' ? paragraphWith((t) => t.insert(0, 'texte')) : new Y.XmlElement(name)
  element.setAttribute(attribute, value)
  return element
}
