import { describe, expect, it } from 'vitest'
import { clauseDiffs } from '../src/domain/history/clauseDiff.ts'
import { clausesOf } from '../src/domain/history/clauses.ts'

const p = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] })
const h = (level: number, text: string) => ({ type: 'heading', attrs: { level }, content: [{ type: 'text', text }] })
const doc = (...content: object[]) => ({ meta: { title: 'T' }, content })

describe('clauses follow the document’s own structure', () => {
  it.each([
    [
      '[SIGN13] « Article N » at level 2 under a level-1 title',
      doc(h(1, 'Accord'), p('intro'), h(2, 'Préambule'), p('a'), h(2, 'Article 1 — Objet'), p('b'), h(3, 'Détail'), p('c'), h(2, 'Article 2 — Durée'), p('d')),
      [
        ['Accord', 2],
        ['Préambule', 2],
        ['Article 1 — Objet', 4],
        ['Article 2 — Durée', 2],
      ],
    ],
    [
      '[SIGN13] « Article N » at level 3 under level-2 titles',
      doc(h(2, 'Titre I'), h(3, 'Article 1'), p('a'), h(3, 'ARTICLE 2 — Durée'), p('b'), h(2, 'Titre II'), h(3, 'Article 3'), p('c')),
      [
        ['Titre I', 1],
        ['Article 1', 2],
        ['ARTICLE 2 — Durée', 2],
        ['Titre II', 1],
        ['Article 3', 2],
      ],
    ],
    [
      '[SIGN13] without « Article »: the shallowest level used more than once',
      doc(h(1, 'Titre'), h(2, 'Un'), p('a'), h(2, 'Deux'), p('b')),
      [
        ['Titre', 1],
        ['Un', 2],
        ['Deux', 2],
      ],
    ],
    [
      '[SIGN13] a single heading level used once: that level',
      doc(p('avant'), h(2, 'Seul'), p('a')),
      [
        ['', 1],
        ['Seul', 2],
      ],
    ],
    ['[SIGN13] a text without headings is one clause', doc(p('a'), p('b')), [['', 2]]],
    [
      '[SIGN13] a repeated heading gets a rank',
      doc(h(2, 'Article 1'), p('a'), h(2, 'Article 1'), p('b')),
      [
        ['Article 1', 2],
        ['Article 1 (2)', 2],
      ],
    ],
    [
      '[SIGN13] « Articles » in a sentence is no article heading',
      doc(h(1, 'Articles et annexes'), p('a'), h(2, 'Un'), h(2, 'Deux')),
      [
        ['Articles et annexes', 2],
        ['Un', 1],
        ['Deux', 1],
      ],
    ],
  ])('%s', (_name, json, expected) => {
    expect(clausesOf(json).map((c) => [c.key, c.blocks.length])).toEqual(expected)
  })

  it('[SIGN14] each clause carries its own word diff; unchanged clauses carry none; added and removed ones are listed', () => {
    const before = doc(h(2, 'Article 1'), p('Les partenaires coopèrent.'), h(2, 'Article 2'), p('Trois ans.'), h(2, 'Article 3'), p('Abrogé bientôt.'))
    const after = doc(h(2, 'Article 1'), p('Les partenaires coopèrent.'), h(2, 'Article 2'), p('Cinq ans.'), h(2, 'Article 4'), p('Nouveau.'))
    const diffs = clauseDiffs(before, after)
    expect(diffs.map((d) => [d.key, d.status, d.blocks.length])).toEqual([
      ['Article 1', 'unchanged', 0],
      ['Article 2', 'changed', 2],
      ['Article 4', 'added', 2],
      ['Article 3', 'removed', 2],
    ])
    const changed = diffs[1]!.blocks.flatMap((b) => b.parts).filter((x) => x.op !== 'equal')
    expect(changed.map((x) => [x.op, x.text])).toEqual([
      ['delete', 'Trois'],
      ['insert', 'Cinq'],
    ])
    expect(clauseDiffs(null, after).every((d) => d.status === 'added')).toBe(true)
  })
})
