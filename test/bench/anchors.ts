/**
 * The client's cost of placing comment highlights: resolving every thread's anchor (Yjs relative
 * positions → ProseMirror positions) after a change, on a document of N paragraphs with M anchors.
 * Prints figures only; nothing here asserts timings.
 *
 *   node --import tsx bench/anchors.ts [paragraphs=200] [anchors=200] [passes=200]
 */
import { contentOf } from '@ensemble/shared'
import * as Y from 'yjs'
import { encodeAnchor, resolveAnchor } from '../../client/src/features/comments/anchors.ts'
import { headlessDocument } from '../../client/src/features/comments/headlessDocument.ts'

const PARAGRAPHS = Number(process.argv[2] ?? 200)
const ANCHORS = Number(process.argv[3] ?? 200)
const PASSES = Number(process.argv[4] ?? 200)
const TEXT = 'Les partenaires mettent en commun leurs moyens et leurs savoir-faire.'

const doc = new Y.Doc()
const fragment = contentOf(doc)
fragment.insert(
  0,
  Array.from({ length: PARAGRAPHS }, (_, i) => {
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [new Y.XmlText(`Article ${i} — ${TEXT}`)])
    return p
  }),
)

let start = performance.now()
const { doc: pm, mapping } = headlessDocument(fragment)
const mappingMs = performance.now() - start

// One anchor on "mettent en commun" in evenly spread paragraphs.
const anchors: { from: string; to: string }[] = []
pm.forEach((node, offset, index) => {
  if (index % Math.max(1, Math.floor(PARAGRAPHS / ANCHORS)) !== 0 || anchors.length >= ANCHORS) return
  const at = node.textContent.indexOf('mettent en commun')
  anchors.push(encodeAnchor(fragment, mapping, offset + 1 + at, offset + 1 + at + 'mettent en commun'.length, 'mettent en commun'))
})

start = performance.now()
for (let i = 0; i < PASSES; i++) for (const anchor of anchors) resolveAnchor(anchor, fragment, mapping)
const passMs = (performance.now() - start) / PASSES

console.log(`${PARAGRAPHS} paragraphs, ${anchors.length} anchors`)
console.log(`headless document + mapping: ${mappingMs.toFixed(1)} ms (once)`)
console.log(`resolve every anchor: ${passMs.toFixed(2)} ms per pass (${((passMs / anchors.length) * 1000).toFixed(1)} µs per anchor)`)
