import { ROOT } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { firstParagraph } from '../../client/src/features/diagnostic/visionQuote.ts'

/** PROJ2: « Citer le premier paragraphe de la vision » quotes the first non-empty paragraph, marks dropped. */
type Node = [name: string, runs: [text: string, marks?: Record<string, unknown>][]]

function docOf(nodes: Node[]): Y.Doc {
  const doc = new Y.Doc()
  const elements = nodes.map(([name, runs]) => {
    const element = new Y.XmlElement(name)
    const text = new Y.XmlText()
    element.insert(0, [text])
    return { element, text, runs }
  })
  doc.getXmlFragment(ROOT.content).insert(
    0,
    elements.map((e) => e.element),
  )
  for (const { text, runs } of elements) for (const [run, marks] of runs) text.insert(text.length, run, marks ?? {})
  return doc
}

describe('[PROJ2] the vision’s first paragraph', () => {
  it.each<[string, Node[], string]>([
    ['an empty vision', [], ''],
    ['a heading only', [['heading', [['Notre vision']]]], ''],
    [
      'the first paragraph after a heading',
      [
        ['heading', [['Titre']]],
        ['paragraph', [['Premier.']]],
        ['paragraph', [['Second.']]],
      ],
      'Premier.',
    ],
    [
      'an empty paragraph skipped',
      [
        ['paragraph', [['  ']]],
        ['paragraph', [['Le vrai début.']]],
      ],
      'Le vrai début.',
    ],
    ['marks dropped', [['paragraph', [['Un '], ['littoral', { bold: true }], [' vivant.']]]], 'Un littoral vivant.'],
  ])('%s', (_label, nodes, expected) => {
    expect(firstParagraph(docOf(nodes))).toBe(expected)
  })
})
