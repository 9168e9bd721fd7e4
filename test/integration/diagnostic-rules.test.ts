import {
  buildDiagnosticItem,
  buildPartnerNeeds,
  buildSharedItem,
  diagItemsOf,
  diagNeedsOf,
  diagSharedOf,
  projectOf,
  sharedItemFrom,
  type DiagnosticItem,
  type SharedDiagnosticItem,
} from '@ensemble/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createAlliance, type TestMember } from '../helpers/alliance.ts'
import { connectDoc, type DocClient } from '../helpers/collab.ts'
import { signUp } from '../helpers/http.ts'
import { addMember } from '../helpers/invitations.ts'
import { removeDir, startTestServer, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { snapshot } from './rules-fixtures.ts'

/**
 * « Diagnostic et projet » on a real server with real y-websocket providers (issue 20, items 2 and
 * 3; SPEC DIAG, PROJ): each refused edit is compensated, its author gets the typed error, a witness
 * never displays it. A partner's matrix is its own members'; the shared matrix and the project are
 * steering's; foreign ids and oversize values are refused.
 */
let server: TestServer
let workspaceId: string
let partnerId: string
let otherPartnerId: string
let admin: TestMember
const people = {} as Record<'steering' | 'editor' | 'observer' | 'commenter' | 'outsider', TestMember>
const open: DocClient[] = []

async function connect(who: TestMember): Promise<DocClient> {
  const client = await connectDoc(who.client, workspaceId, 'diagnostic')
  open.push(client)
  await client.synced()
  return client
}

let seq = 0
const newId = () => `d-test-${++seq}`
const item = (extra: Partial<Record<keyof DiagnosticItem, unknown>> = {}) =>
  buildDiagnosticItem({ partnerId, quadrant: 'forces', text: 'Ancrage local fort', detail: '', order: 'a0', ...extra } as DiagnosticItem)
const sharedPoint = (extra: Partial<Record<keyof SharedDiagnosticItem, unknown>> = {}) =>
  buildSharedItem({
    quadrant: 'menaces',
    text: 'Baisse des subventions',
    detail: '',
    order: 'a0',
    sourceItemId: null,
    sourcePartnerId: null,
    ...extra,
  } as SharedDiagnosticItem)
const figure = (extra: Record<string, unknown> = {}) => ({
  id: 'f1',
  value: 1200,
  unit: 'jeunes',
  label: 'Jeunes sans solution',
  source: 'INSEE',
  year: 2024,
  ...extra,
})

beforeAll(async () => {
  server = await startTestServer()
  const alliance = await createAlliance(server.url, ['steering', 'editor', 'observer', 'commenter'])
  workspaceId = alliance.workspaceId
  partnerId = alliance.partnerId
  admin = alliance.admin
  ;[people.steering, people.editor, people.observer, people.commenter] = alliance.members as [TestMember, TestMember, TestMember, TestMember]
  ;({ id: otherPartnerId } = await admin.client.json<{ id: string }>(
    'POST',
    `/api/workspaces/${workspaceId}/partners`,
    { name: 'Commune de Port-Marin', type: 'collectivite_territoriale' },
    201,
  ))
  people.outsider = await signUp(server.url, 'Éditrice autre partenaire')
  await addMember(admin.client, workspaceId, people.outsider, { role: 'editor', partnerId: otherPartnerId })

  // Each partner fills in its matrix; steering picks the other partner's point and writes the project.
  const editor = await connect(people.editor)
  const outsider = await connect(people.outsider)
  const steering = await connect(people.steering)
  diagItemsOf(editor.doc).set('i1', item())
  diagNeedsOf(editor.doc).set(partnerId, buildPartnerNeeds({ needs: 'Des bénévoles formés', expectations: 'Un accès aux écoles' }))
  diagItemsOf(outsider.doc).set('j1', item({ partnerId: otherPartnerId, quadrant: 'opportunites', text: 'Nouveau quartier' }))
  await waitFor(() => diagItemsOf(steering.doc).has('i1') && diagItemsOf(steering.doc).has('j1'), { message: 'items arrive' })
  const source = diagItemsOf(steering.doc).get('j1')!.toJSON() as DiagnosticItem
  diagSharedOf(steering.doc).set('s1', buildSharedItem(sharedItemFrom('j1', source, 'a0')))
  steering.doc.transact(() => {
    projectOf(steering.doc).set('socialNeed', 'Des jeunes du littoral sans solution d’accueil')
    projectOf(steering.doc).set('figures', [figure()])
  })
  await waitFor(() => diagSharedOf(editor.doc).has('s1') && projectOf(editor.doc).has('figures'), { message: 'shared matrix and project arrive' })
  for (const client of open) expect(client.errors).toEqual([])
})

afterAll(async () => {
  for (const client of open) client.destroy()
  if (server) {
    await server.close()
    removeDir(server.dataDir)
  }
})

type Who = keyof typeof people | 'admin'
type Attempt = [
  rule: string,
  code: 'edit_forbidden' | 'edit_invalid',
  label: string,
  who: Who,
  edit: (doc: Y.Doc) => void,
  where?: { entity?: string; field?: string },
]
const member = (who: Who) => (who === 'admin' ? admin : people[who])
const itemOf = (d: Y.Doc, id: string) => diagItemsOf(d).get(id)!

const REFUSED: Attempt[] = [
  ['PERM2', 'edit_forbidden', 'an observer of the partner adds a point to its matrix', 'observer', (d) => diagItemsOf(d).set(newId(), item())],
  ['PERM2', 'edit_forbidden', 'a commenter writes in the shared matrix', 'commenter', (d) => diagSharedOf(d).set(newId(), sharedPoint())],
  [
    'DIAG2',
    'edit_forbidden',
    'an editor of another partner adds a point to this partner’s matrix',
    'outsider',
    (d) => diagItemsOf(d).set(newId(), item()),
    { field: 'partnerId' },
  ],
  [
    'DIAG2',
    'edit_forbidden',
    'an editor of another partner rewords this partner’s point',
    'outsider',
    (d) => itemOf(d, 'i1').set('text', 'Faible'),
    { entity: 'diagItems/i1' },
  ],
  [
    'DIAG2',
    'edit_forbidden',
    'an editor of another partner removes this partner’s point',
    'outsider',
    (d) => diagItemsOf(d).delete('i1'),
    { entity: 'diagItems/i1' },
  ],
  [
    'DIAG2',
    'edit_forbidden',
    'an editor of another partner replaces this partner’s point by one of its own',
    'outsider',
    (d) => diagItemsOf(d).set('i1', item({ partnerId: otherPartnerId })),
    { entity: 'diagItems/i1' },
  ],
  [
    'DIAG2',
    'edit_forbidden',
    'the partner’s editor hands its point over to another partner',
    'editor',
    (d) => itemOf(d, 'i1').set('partnerId', otherPartnerId),
    { entity: 'diagItems/i1', field: 'partnerId' },
  ],
  [
    'DIAG2',
    'edit_forbidden',
    'an editor of another partner writes this partner’s needs',
    'outsider',
    (d) => diagNeedsOf(d).get(partnerId)!.set('needs', 'Rien'),
    { field: 'needs' },
  ],
  [
    'DIAG2',
    'edit_forbidden',
    'admin (of no partner) adds a point to a partner’s matrix',
    'admin',
    (d) => diagItemsOf(d).set(newId(), item()),
    { field: 'partnerId' },
  ],
  [
    'DIAG2',
    'edit_forbidden',
    'a point for a partner the alliance does not have (foreign id)',
    'editor',
    (d) => diagItemsOf(d).set(newId(), item({ partnerId: 'foreign-partner' })),
  ],
  [
    'DIAG2',
    'edit_forbidden',
    'needs under a foreign partner id',
    'editor',
    (d) => diagNeedsOf(d).set('foreign-partner', buildPartnerNeeds({ needs: '', expectations: '' })),
  ],
  ['DIAG1', 'edit_invalid', 'a point of 501 characters', 'editor', (d) => diagItemsOf(d).set(newId(), item({ text: 'x'.repeat(501) })), { field: 'text' }],
  ['DIAG1', 'edit_invalid', 'a blank point', 'editor', (d) => itemOf(d, 'i1').set('text', '   '), { entity: 'diagItems/i1', field: 'text' }],
  [
    'DIAG1',
    'edit_invalid',
    'a quadrant MOFF does not have',
    'editor',
    (d) => diagItemsOf(d).set(newId(), item({ quadrant: 'bonheur' })),
    { field: 'quadrant' },
  ],
  ['DIAG1', 'edit_invalid', 'a detail of 2,001 characters', 'editor', (d) => itemOf(d, 'i1').set('detail', 'x'.repeat(2001)), { field: 'detail' }],
  ['DIAG1', 'edit_invalid', 'an unknown field on a point', 'editor', (d) => itemOf(d, 'i1').set('score', 3), { field: 'score' }],
  ['DIAG3', 'edit_invalid', 'needs of 5,001 characters', 'editor', (d) => diagNeedsOf(d).get(partnerId)!.set('needs', 'x'.repeat(5001)), { field: 'needs' }],
  [
    'DIAG1',
    'edit_invalid',
    'a point’s detail as a nested map',
    'editor',
    (d) => itemOf(d, 'i1').set('detail', new Y.Map()),
    { entity: 'diagItems/i1', field: 'detail' },
  ],
  ['DIAG4', 'edit_forbidden', 'an editor adds a point to the shared matrix', 'editor', (d) => diagSharedOf(d).set(newId(), sharedPoint())],
  [
    'DIAG4',
    'edit_forbidden',
    'an editor rewords a point of the shared matrix',
    'editor',
    (d) => diagSharedOf(d).get('s1')!.set('text', 'Autre'),
    { entity: 'diagShared/s1' },
  ],
  ['DIAG4', 'edit_forbidden', 'an editor removes a point of the shared matrix', 'editor', (d) => diagSharedOf(d).delete('s1'), { entity: 'diagShared/s1' }],
  [
    'DIAG4',
    'edit_invalid',
    'a shared point taken from a point that does not exist (foreign id)',
    'steering',
    (d) => diagSharedOf(d).set(newId(), sharedPoint({ sourceItemId: 'ghost', sourcePartnerId: partnerId })),
    { field: 'sourceItemId' },
  ],
  [
    'DIAG4',
    'edit_invalid',
    'a shared point naming the wrong partner for its source',
    'steering',
    (d) => diagSharedOf(d).set(newId(), sharedPoint({ sourceItemId: 'i1', sourcePartnerId: otherPartnerId })),
    { field: 'sourceItemId' },
  ],
  [
    'DIAG1',
    'edit_invalid',
    'a shared point of 501 characters',
    'steering',
    (d) => diagSharedOf(d).set(newId(), sharedPoint({ text: 'x'.repeat(501) })),
    { field: 'text' },
  ],
  [
    'PROJ2',
    'edit_forbidden',
    'an editor writes the social need',
    'editor',
    (d) => projectOf(d).set('socialNeed', 'Autre chose'),
    { entity: 'project', field: 'socialNeed' },
  ],
  ['PERM2', 'edit_forbidden', 'an observer writes the project', 'observer', (d) => projectOf(d).set('whyCollective', 'Parce que')],
  ['PROJ1', 'edit_invalid', 'a social need of 5,001 characters', 'steering', (d) => projectOf(d).set('socialNeed', 'x'.repeat(5001)), { field: 'socialNeed' }],
  ['PROJ1', 'edit_invalid', 'a figure dated 3000', 'steering', (d) => projectOf(d).set('figures', [figure({ year: 3000 })]), { field: 'figures' }],
  [
    'PROJ1',
    'edit_invalid',
    'a figure that is not a number',
    'steering',
    (d) => projectOf(d).set('figures', [figure({ value: 'beaucoup' })]),
    { field: 'figures' },
  ],
  [
    'PROJ1',
    'edit_invalid',
    '51 beneficiaries',
    'steering',
    (d) =>
      projectOf(d).set(
        'beneficiaries',
        Array.from({ length: 51 }, (_, i) => `Public ${i}`),
      ),
    { field: 'beneficiaries' },
  ],
  ['PROJ1', 'edit_invalid', 'an unknown project field', 'steering', (d) => projectOf(d).set('budget', 10), { field: 'budget' }],
  [
    'PROJ1',
    'edit_invalid',
    'a project field as a nested map',
    'steering',
    (d) => projectOf(d).set('socialNeed', new Y.Map()),
    { entity: 'project', field: 'socialNeed' },
  ],
]

describe('« Diagnostic et projet » on a real server with real providers', () => {
  it.each(REFUSED)('[%s] a %s refusal: %s — compensated, never displayed by others', async (rule, code, _label, who, edit, where) => {
    const author = await connect(member(who))
    const witness = await connect(people.steering)
    await waitFor(() => snapshot(author.doc, 'diagnostic') === snapshot(witness.doc, 'diagnostic'), { message: 'replicas equal before' })
    const before = snapshot(witness.doc, 'diagnostic')
    const seen: string[] = []
    const record = () => seen.push(snapshot(witness.doc, 'diagnostic'))
    witness.doc.on('afterTransaction', record)

    const errors = author.errors.length
    author.doc.transact(() => edit(author.doc))
    const error = await waitFor(() => author.errors[errors], { message: `${rule} error` })
    await waitFor(() => snapshot(author.doc, 'diagnostic') === before, { message: 'author snaps back' })
    witness.doc.off('afterTransaction', record)

    expect(error).toMatchObject({ code, rule, ...where })
    expect(error.message.length).toBeGreaterThan(0)
    expect(snapshot(witness.doc, 'diagnostic')).toBe(before)
    for (const state of seen) expect(state).toBe(before)
    expect(witness.errors).toEqual([])
    author.destroy()
    witness.destroy()
  })

  it('[DIAG2] [DIAG4] [PROJ2] each writes its own part, live: the partner its points and needs, steering the shared matrix and the project', async () => {
    const editor = await connect(people.editor)
    const outsider = await connect(people.outsider)
    const steering = await connect(people.steering)
    editor.doc.transact(() => {
      itemOf(editor.doc, 'i1').set('detail', 'Trente ans de présence sur le port')
      diagItemsOf(editor.doc).set('i2', item({ quadrant: 'faiblesses', text: 'Peu de salariés', order: 'a1' }))
      diagNeedsOf(editor.doc).get(partnerId)!.set('expectations', 'Un accès aux écoles et un local')
    })
    await waitFor(() => diagItemsOf(outsider.doc).has('i2'), { message: 'the other partner reads the new point' })
    steering.doc.transact(() => {
      diagSharedOf(steering.doc).set('s2', buildSharedItem(sharedItemFrom('i2', diagItemsOf(steering.doc).get('i2')!.toJSON() as DiagnosticItem, 'a1')))
      diagSharedOf(steering.doc).get('s1')!.set('text', 'Un quartier neuf à accompagner')
      projectOf(steering.doc).set('beneficiaries', ['Jeunes de 16 à 25 ans', 'Familles du quartier'])
    })
    await waitFor(() => diagSharedOf(editor.doc).get('s2')?.get('sourcePartnerId') === partnerId, { message: 'the provenance arrives' })
    // A partner removes its source point: the shared point stays, with its link.
    diagItemsOf(editor.doc).delete('i2')
    await waitFor(() => !diagItemsOf(steering.doc).has('i2'), { message: 'the removal arrives' })
    expect(diagSharedOf(steering.doc).get('s2')?.get('sourceItemId')).toBe('i2')
    for (const client of [editor, outsider, steering]) expect(client.errors).toEqual([])
  })

  it('[DIAG1] oversize: a matrix grown past the diagnostic document’s size limit (4 MiB) is refused with document_too_large and compensated', async () => {
    const editor = await connect(people.editor)
    const witness = await connect(people.steering)
    // Two-byte characters: 300 points of ≈ 5 KB make a frame of ≈ 1.5 MB, under the frame limit.
    const detail = 'é'.repeat(2000)
    let refused = false
    for (let batch = 0; batch < 6 && !refused; batch++) {
      const errors = editor.errors.length
      const ids = Array.from({ length: 300 }, (_, i) => `big-${batch}-${i}`)
      editor.doc.transact(() => {
        for (const [i, id] of ids.entries()) diagItemsOf(editor.doc).set(id, item({ text: `Point ${batch}-${i} ${'é'.repeat(450)}`, detail, order: 'a0' }))
      })
      await waitFor(() => editor.errors.length > errors || ids.every((id) => diagItemsOf(witness.doc).has(id)), { message: `batch ${batch} judged` })
      if (editor.errors.length > errors) {
        expect(editor.errors[errors]).toMatchObject({ code: 'document_too_large' })
        await waitFor(() => !ids.some((id) => diagItemsOf(editor.doc).has(id)), { message: 'the refused batch snaps back' })
        expect(ids.some((id) => diagItemsOf(witness.doc).has(id))).toBe(false)
        refused = true
      }
    }
    expect(refused).toBe(true)
    expect(witness.errors).toEqual([])
  })
})
