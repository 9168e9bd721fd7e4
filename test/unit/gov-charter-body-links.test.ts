import { bodyDefinitions, bodyLinkHref, findBodyLinks, isAllowedHref, parseBodyLink } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

/** GOV25: the charter's governance section links to the bodies it defines; the pure reading of those links. */

const link = (href: string) => ({ link: { href, target: null, rel: 'noopener noreferrer nofollow', class: null, title: null } })

function textblock(name: string, runs: [string, Record<string, unknown>?][], level?: number): Y.XmlElement {
  const el = new Y.XmlElement(name)
  if (level !== undefined) (el as unknown as Y.XmlElement<Record<string, number>>).setAttribute('level', level)
  const text = new Y.XmlText()
  text.applyDelta(runs.map(([insert, attributes]) => ({ insert, attributes: attributes ?? {} })))
  el.insert(0, [text])
  return el
}

function charter(): Y.XmlFragment {
  const doc = new Y.Doc()
  const fragment = doc.getXmlFragment('content')
  const list = new Y.XmlElement('bulletList')
  const item = new Y.XmlElement('listItem')
  item.insert(0, [
    textblock('paragraph', [
      ['le ', {}],
      ['comité technique', link(bodyLinkHref('ws1', 'tech'))],
    ]),
  ])
  list.insert(0, [item])
  fragment.insert(0, [
    textblock('paragraph', [
      ['Avant tout titre : ', {}],
      ['l’assemblée', link(bodyLinkHref('ws1', 'ag'))],
    ]),
    textblock(
      'heading',
      [
        ['5. ', {}],
        ['Gouvernance', { bold: {} }],
      ],
      2,
    ),
    textblock('paragraph', [
      ['Le ', {}],
      ['COPIL', link(bodyLinkHref('ws1', 'copil'))],
      [' et un ', {}],
      ['site', link('https://example.org')],
    ]),
    list,
    textblock('heading', [['6. Adhésion', {}]], 2),
    textblock('paragraph', [
      ['Le ', {}],
      ['COPIL encore', link(bodyLinkHref('ws1', 'copil'))],
      [' ailleurs', link(bodyLinkHref('ws2', 'other'))],
    ]),
  ])
  return fragment
}

describe('[GOV25] body links in the charter', () => {
  it('[GOV25] finds each link to a body, in document order, with the heading of the section it sits in (lists included), ignoring other links', () => {
    expect(findBodyLinks(charter())).toEqual([
      { workspaceId: 'ws1', bodyId: 'ag', heading: null, text: 'l’assemblée' },
      { workspaceId: 'ws1', bodyId: 'copil', heading: '5. Gouvernance', text: 'COPIL' },
      { workspaceId: 'ws1', bodyId: 'tech', heading: '5. Gouvernance', text: 'comité technique' },
      { workspaceId: 'ws1', bodyId: 'copil', heading: '6. Adhésion', text: 'COPIL encore' },
      { workspaceId: 'ws2', bodyId: 'other', heading: '6. Adhésion', text: ' ailleurs' },
    ])
  })

  it('[GOV25] a body is defined by the first section that links to it; a body never linked, or one of another alliance, has no definition', () => {
    const definitions = bodyDefinitions(charter(), 'ws1')
    expect(definitions.get('copil')).toBe('5. Gouvernance')
    expect(definitions.get('ag')).toBeNull()
    expect(definitions.has('unknown')).toBe(false)
    expect(definitions.has('other')).toBe(false)
  })

  it('[GOV25] only the exact same-origin body address is a body link, and it is the one relative href the rich-text rules accept', () => {
    expect(parseBodyLink('/alliances/ws1/gouvernance#instance-b_1')).toEqual({ workspaceId: 'ws1', bodyId: 'b_1' })
    for (const href of [
      '/alliances/ws1/gouvernance',
      '/alliances/ws1/plan#instance-b1',
      '//evil.example/alliances/ws1/gouvernance#instance-b1',
      '/alliances/ws1/gouvernance#instance-b1"onclick',
      ' /alliances/ws1/gouvernance#instance-b1',
      'javascript:alert(1)//alliances/ws1/gouvernance#instance-b1',
    ]) {
      expect(parseBodyLink(href)).toBeNull()
      expect(isAllowedHref(href)).toBe(false)
    }
    expect(isAllowedHref(bodyLinkHref('ws1', 'b1'))).toBe(true)
    expect(isAllowedHref('/autre-page')).toBe(false)
  })
})
