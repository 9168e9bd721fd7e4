import { bodyDefinitions, bodyLinkHref, contentOf, findBodyLinks } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createAlliance } from '../helpers/alliance.ts'
import { syncedDocs } from '../helpers/syncedDocs.ts'
import { serverPerSuite } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'

/** GOV25 on the real server: a charter link to a governance body passes the rich-text rules; unsafe links still do not. */

const linkAttrs = (href: string) => ({ link: { href, target: null, rel: 'noopener noreferrer nofollow', class: null, title: null } })

/** Appends, as the editor would, a heading and a paragraph whose middle words carry a link. */
function writeSection(doc: Y.Doc, heading: string, before: string, linked: string, href: string): void {
  doc.transact(() => {
    const h = new Y.XmlElement('heading')
    ;(h as unknown as Y.XmlElement<Record<string, number>>).setAttribute('level', 2)
    const ht = new Y.XmlText()
    ht.insert(0, heading)
    h.insert(0, [ht])
    const p = new Y.XmlElement('paragraph')
    const t = new Y.XmlText()
    t.applyDelta([
      { insert: before, attributes: {} },
      { insert: linked, attributes: linkAttrs(href) },
    ])
    p.insert(0, [t])
    const content = contentOf(doc)
    content.insert(content.length, [h, p])
  })
}

describe('[GOV25] body links in the charter, on the server', () => {
  const server = serverPerSuite()
  const connect = syncedDocs()

  it('[GOV25] steering’s link from the charter to a body is accepted and reaches another member; a javascript: or another relative link is refused and undone', async () => {
    const { workspaceId, members } = await createAlliance(server.url, ['steering', 'observer'])
    const [steering, observer] = members as [(typeof members)[0], (typeof members)[0]]
    const writer = await connect(steering.client, workspaceId, 'charter')
    const reader = await connect(observer.client, workspaceId, 'charter')

    writeSection(writer.doc, '5. Gouvernance', 'Le ', 'comité de pilotage', bodyLinkHref(workspaceId, 'copil1'))
    await waitFor(() => findBodyLinks(contentOf(reader.doc)).length === 1, { message: 'the body link reaches the reader' })
    expect(bodyDefinitions(contentOf(reader.doc), workspaceId)).toEqual(new Map([['copil1', '5. Gouvernance']]))
    expect(writer.errors).toEqual([])

    // The same edit with unsafe addresses: refused (VAL19) and compensated for everyone.
    for (const href of ['javascript:alert(1)', `/alliances/${workspaceId}/plan#instance-copil1`]) {
      const refusedBefore = writer.errors.length
      writeSection(writer.doc, '6. Autre', 'Voir ', 'ici', href)
      await waitFor(() => writer.errors.length > refusedBefore, { message: `${href} refused` })
      expect(writer.errors.at(-1)).toMatchObject({ rule: 'VAL19' })
      await waitFor(() => contentOf(writer.doc).length === 2 && contentOf(reader.doc).length === 2, { message: `${href} undone` })
    }
    expect(contentOf(reader.doc).toJSON()).not.toContain('javascript:')
    // A fresh reader replays the stored document: only the body link is there.
    const later = await connect(observer.client, workspaceId, 'charter')
    expect(findBodyLinks(contentOf(later.doc)).map((s) => s.bodyId)).toEqual(['copil1'])
    expect(contentOf(later.doc).length).toBe(2)
  })
})
