import { ADOPTION_RULES_KEY, documentMetaOf } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { syncedDocs } from '../helpers/syncedDocs.ts'
import type { HttpClient } from '../helpers/http.ts'
import { serverPerSuite } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { expectError, inbox } from './comments-flow.ts'
import { signUp } from '../helpers/http.ts'
import { block, docApi, waitForRows, writeBlocks } from './history-flow.ts'
import { propose, twoPartnerAlliance, vote } from './signoff-flow.ts'
import { addMember } from '../helpers/invitations.ts'

describe('the charter’s adoption rules and a status only sign-off moves', () => {
  const server = serverPerSuite()
  const connect = syncedDocs()

  /** A document with one clause, stored. */
  const write = (client: HttpClient, workspaceId: string, docName: string) =>
    writeBlocks(client, workspaceId, docName, [block('heading', 'Article 1 — Objet'), block('paragraph', `Texte de ${docName}.`)])

  it('[SIGN9] the charter sets a rule per document; a round keeps the rule it was proposed under; the same answers adopt under consensus and not under unanimity', async () => {
    const { workspaceId, admin, steering, editor, lina, hugo } = await twoPartnerAlliance(server.url)
    await write(admin.client, workspaceId, 'agreement')
    await write(admin.client, workspaceId, 'convention')

    // Steering sets the agreement's rule on the charter, live; an editor may not (refused and undone).
    const charter = await connect(steering.client, workspaceId, 'charter')
    documentMetaOf(charter.doc).set(ADOPTION_RULES_KEY, { agreement: 'consensus' })
    const editorCharter = await connect(editor.client, workspaceId, 'charter')
    await waitFor(() => documentMetaOf(editorCharter.doc).get(ADOPTION_RULES_KEY) !== undefined, { message: 'the rule reached the editor' })
    documentMetaOf(editorCharter.doc).set(ADOPTION_RULES_KEY, { agreement: 'majority' })
    await waitFor(() => editorCharter.errors.some((e) => e.code === 'edit_forbidden' && e.rule === 'PERM8' && e.field === ADOPTION_RULES_KEY), {
      message: 'PERM8 refusal',
    })
    await waitFor(() => (documentMetaOf(editorCharter.doc).get(ADOPTION_RULES_KEY) as { agreement?: string }).agreement === 'consensus', {
      message: 'the editor’s rule undone',
    })
    await waitForRows(admin.client, workspaceId, 'charter', 1)

    const agreement = (await propose(steering, workspaceId, 'agreement', { name: 'Accord v1' })).round
    expect(agreement).toMatchObject({ rule: 'consensus', outcome: { rule: 'consensus', adopted: false, pending: 2, partners: 2 } })
    const convention = (await propose(steering, workspaceId, 'convention', { name: 'Convention v1' })).round
    expect(convention.rule).toBe('unanimity')

    // The charter changes while the agreement's round is open: that round keeps consensus.
    documentMetaOf(charter.doc).set(ADOPTION_RULES_KEY, { agreement: 'unanimity', convention: 'two_thirds' })
    await waitForRows(admin.client, workspaceId, 'charter', 2)

    // An objection still needs a comment, whatever the rule.
    await expectError(
      await hugo.client.request('POST', docApi(workspaceId, 'agreement').votes(agreement.id), { vote: 'object' }),
      422,
      'validation_failed',
      'comment',
    )

    // Same answers on both documents: Lina approves, Hugo abstains.
    await vote(lina, workspaceId, 'convention', convention.id, { vote: 'approve' })
    const unanimous = await vote(hugo, workspaceId, 'convention', convention.id, { vote: 'abstain' })
    expect(unanimous).toMatchObject({ status: 'open', rule: 'unanimity', outcome: { adopted: false, blocked: true, approvals: 1, abstentions: 1 } })
    expect(unanimous.outcome.explanation.fr).toContain('une abstention ou une objection bloque')
    expect(unanimous.outcome.explanation.en).toContain('an abstention or an objection blocks')

    const waiting = await vote(lina, workspaceId, 'agreement', agreement.id, { vote: 'approve' })
    expect(waiting).toMatchObject({ status: 'open', rule: 'consensus', outcome: { adopted: false, blocked: false, pending: 1 } })
    expect(waiting.outcome.explanation.en).toContain('every partner must answer')
    // Hugo's abstention completes the consensus (an abstention adopts, not only an approval).
    const consensus = await vote(hugo, workspaceId, 'agreement', agreement.id, { vote: 'abstain' })
    expect(consensus).toMatchObject({ status: 'adopted', rule: 'consensus', outcome: { adopted: true, approvals: 1, abstentions: 1, objections: 0 } })
    expect(consensus.outcome.explanation.fr).toContain('Adopté selon la règle « consensus')
    const agreementDoc = await connect(admin.client, workspaceId, 'agreement')
    await waitFor(() => documentMetaOf(agreementDoc.doc).get('status') === 'adopted', { message: 'agreement adopted' })
    const audit = await admin.client.json<{ action: string; detail: Record<string, unknown> }[]>('GET', docApi(workspaceId, 'agreement').audit, undefined, 200)
    expect(audit.find((e) => e.action === 'proposed')!.detail.rule).toBe('consensus')
    expect(audit.find((e) => e.action === 'adopted')!.detail).toMatchObject({ rule: 'consensus', approvals: 1, abstentions: 1 })

    // A new round of the convention takes the charter's new rule: two thirds of two partners is two approvals.
    await steering.client.json('POST', docApi(workspaceId, 'convention').withdraw(convention.id), undefined, 200)
    const second = (await propose(steering, workspaceId, 'convention', { name: 'Convention v2' })).round
    expect(second).toMatchObject({ rule: 'two_thirds', outcome: { needed: 2 } })

    // Once the charter is adopted, its rules are locked with it.
    const charterRound = (await propose(steering, workspaceId, 'charter', { name: 'Charte v1' })).round
    await vote(lina, workspaceId, 'charter', charterRound.id, { vote: 'approve' })
    expect((await vote(hugo, workspaceId, 'charter', charterRound.id, { vote: 'approve' })).status).toBe('adopted')
    await waitFor(() => documentMetaOf(charter.doc).get('status') === 'adopted', { message: 'charter adopted' })
    documentMetaOf(charter.doc).set(ADOPTION_RULES_KEY, { agreement: 'majority' })
    await waitFor(() => charter.errors.some((e) => e.code === 'document_locked'), { message: 'document_locked on the charter’s rules' })
    await waitFor(() => (documentMetaOf(charter.doc).get(ADOPTION_RULES_KEY) as { agreement?: string }).agreement === 'unanimity', {
      message: 'locked rule undone',
    })
  })

  it('[SIGN9] [COMM28] a majority adopts while a partner is still silent: its representative’s request leaves the inbox with the round', async () => {
    const { workspaceId, admin, steering, lina, hugo } = await twoPartnerAlliance(server.url)
    const { id: collegeId } = await admin.client.json<{ id: string }>(
      'POST',
      `/api/workspaces/${workspaceId}/partners`,
      { name: 'Collège Jean Bart', type: 'acteur_academique' },
      201,
    )
    const marc = await signUp(server.url, 'Marc Collège')
    await addMember(admin.client, workspaceId, marc, { role: 'commenter', partnerId: collegeId, representative: true })
    const charter = await connect(steering.client, workspaceId, 'charter')
    documentMetaOf(charter.doc).set(ADOPTION_RULES_KEY, { agreement: 'majority' })
    await waitForRows(admin.client, workspaceId, 'charter', 1)
    await write(admin.client, workspaceId, 'agreement')
    const { round } = await propose(steering, workspaceId, 'agreement', { name: 'Accord v1' })
    expect(round.outcome).toMatchObject({ rule: 'majority', partners: 3, needed: 2 })
    const requests = async () => (await inbox(marc.client, workspaceId, true)).filter((i) => i.kind === 'signoff.requested')
    expect(await requests()).toHaveLength(1)
    await vote(lina, workspaceId, 'agreement', round.id, { vote: 'approve' })
    const adopted = await vote(hugo, workspaceId, 'agreement', round.id, { vote: 'approve' })
    expect(adopted).toMatchObject({ status: 'adopted', outcome: { adopted: true, approvals: 2, pending: 1 } })
    expect(adopted.votes.find((v) => v.partnerId === collegeId)).toMatchObject({ userId: marc.userId, vote: null })
    expect(await requests()).toEqual([])
  })

  it('[SIGN10] a provider that sets a document to adopted is refused (PERM10) and every replica is brought back; the status moves only with sign-off', async () => {
    const { workspaceId, admin, steering, editor } = await twoPartnerAlliance(server.url)
    await write(admin.client, workspaceId, 'agreement')
    const author = await connect(steering.client, workspaceId, 'agreement')
    const replicas = [author, await connect(admin.client, workspaceId, 'agreement'), await connect(editor.client, workspaceId, 'agreement')]
    await waitFor(() => replicas.every((r) => r.doc.getXmlFragment('content').length === 2), { message: 'replicas synced' })
    const seen: unknown[] = []
    const watch = (doc: Y.Doc) => doc.on('afterTransaction', () => seen.push(documentMetaOf(doc).get('status')))
    for (const witness of replicas.slice(1)) watch(witness.doc)

    documentMetaOf(author.doc).set('status', 'adopted')
    const error = await waitFor(() => author.errors[0], { message: 'refusal' })
    expect(error).toMatchObject({ code: 'edit_forbidden', rule: 'PERM10', entity: 'meta', field: 'status' })
    expect(error.message).toMatch(/signature/)
    await waitFor(() => documentMetaOf(author.doc).get('status') === undefined, { message: 'the author’s replica undone' })
    for (const replica of replicas) expect(documentMetaOf(replica.doc).get('status') ?? 'draft').toBe('draft')
    // The others never displayed it.
    expect(seen.filter((s) => s === 'adopted')).toEqual([])
    expect(replicas.slice(1).flatMap((r) => r.errors)).toEqual([])
    // The adopted version cannot be named by hand either; sign-off still moves the status.
    documentMetaOf(author.doc).set('adoptedVersionId', 'v1')
    await waitFor(() => author.errors.some((e) => e.field === 'adoptedVersionId'), { message: 'adoptedVersionId refused' })
    await propose(steering, workspaceId, 'agreement', { name: 'Accord v1' })
    await waitFor(() => replicas.every((r) => documentMetaOf(r.doc).get('status') === 'proposed'), { message: 'proposed by sign-off on every replica' })
  })
})
