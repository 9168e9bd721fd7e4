import path from 'node:path'
import { type BodyVoting, bodiesOf, contentOf, type VoteView } from '@ensemble/shared'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { axeViolations } from '../helpers/axe.ts'
import { ARTIFACTS_DIR, browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'
import { connectDoc } from '../helpers/collab.ts'
import { signUp } from '../helpers/http.ts'
import { addMember } from '../helpers/invitations.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { openThreadDraft } from './commentShortcut.ts'
import { chairedMeeting } from './meetingSetup.ts'
import { selectedText } from './tiptapState.ts'

const WAIT = { timeout: 20_000 }
const ARTICLE = 'Article 1 — Les partenaires mettent en commun leurs moyens.'

/** Issue 19 §6 in a real browser: vote explanations, one rule vocabulary, mentions, digest settings, a read-only text commented from the keyboard. */
describe.skipIf(!browserTestsEnabled())('[EDGE] the rough edges of governance, comments and history, in a real browser', () => {
  const suite = browserSuite()
  let setup: Awaited<ReturnType<typeof chairedMeeting>>
  let chairPage: Page

  beforeAll(async () => {
    setup = await chairedMeeting(suite.server.url)
    chairPage = await suite.newPage()
    await signInThroughUi(chairPage, suite.server.url, setup.chair.email)
  })

  it('[EDGE1] [EDGE2] a weighted vote explains itself per college in the room and in the decision register, its rule named from the one list', async () => {
    const base = suite.server.url
    const { chair, member, workspaceId, partnerId, meeting } = setup
    // The body's one seat sits in a college weighing 2 per seat.
    const voting: BodyVoting = {
      colleges: [{ id: 'funders', name: 'Collège des financeurs', weight: 2, seats: { [partnerId]: 1 }, quorum: null }],
      weighting: 'per_seat',
      maxProxies: 1,
      quorum: null,
      rules: {},
    }
    const governance = await connectDoc(chair.client, workspaceId, 'governance')
    await governance.synced()
    bodiesOf(governance.doc).get('copil')!.set('voting', voting)
    // Read back through a fresh connection: the server holds it.
    await waitFor(async () => {
      const check = await connectDoc(chair.client, workspaceId, 'governance')
      await check.synced()
      const held = bodiesOf(check.doc).get('copil')?.get('voting') as BodyVoting | undefined
      check.destroy()
      return held?.colleges.length === 1
    })
    governance.destroy()

    const api = `/api/workspaces/${workspaceId}/meetings/${meeting.id}`
    await chair.client.json('PUT', `${api}/attendance`, { userId: member.userId, status: 'present' }, 200)
    const vote = await chair.client.json<VoteView>(
      'POST',
      `${api}/votes`,
      { question: 'Adopter le budget 2027', decisionType: 'budget', secret: false, agendaItemId: null },
      201,
    )
    await member.client.json('POST', `${api}/votes/${vote.id}/ballots`, { choice: 'for' }, 201)
    await chair.client.request('POST', `${api}/votes/${vote.id}/close`).then((res) => expect(res.status).toBeLessThan(300))

    await chairPage.goto(`${base}/alliances/${workspaceId}/reunions?reunion=${meeting.id}`)
    const card = chairPage.getByTestId('vote').filter({ hasText: 'Adopter le budget 2027' })
    await card.locator('[data-testid="vote-result"][data-outcome="adopted"]').waitFor(WAIT)
    const explanation = card.getByRole('list', { name: 'Détail par collège' })
    await expect(explanation.textContent()).resolves.toBe('Collège des financeurs : 1 pour × 2 = 2')
    await expect(card.textContent()).resolves.toContain('Règle : Majorité simple')
    expect(await axeViolations(chairPage)).toEqual([])
    await chairPage.screenshot({ path: path.join(ARTIFACTS_DIR, 'EDGE1-vote-explained.png') })

    // The decision register says the same.
    await chairPage.goto(`${base}/alliances/${workspaceId}/reunions`)
    const decision = chairPage.getByTestId('decision-register').locator('li', { hasText: 'Adopter le budget 2027' })
    await decision.getByTestId('decision-explanation').waitFor(WAIT)
    await expect(decision.getByTestId('decision-explanation').textContent()).resolves.toBe('Collège des financeurs : 1 pour × 2 = 2')

    // The governance page names the same rule with the same words.
    await chairPage.goto(`${base}/alliances/${workspaceId}/gouvernance`)
    const rule = chairPage.locator('[data-body-id="copil"]').getByRole('combobox', { name: /Règle de décision/ })
    await rule.waitFor(WAIT)
    await expect(rule.locator('option:checked').textContent()).resolves.toBe('Majorité simple')
  })

  it('[EDGE6] a commenter reaches the read-only agreement with Tab, selects with the keyboard and comments it with Ctrl+Alt+M; the mention shows as a chip, never as markup', async () => {
    const base = suite.server.url
    const { chair, workspaceId, partnerId } = setup
    const commenter = await signUp(base, 'Odile Commentatrice')
    await addMember(chair.client, workspaceId, commenter, { role: 'commenter', partnerId })
    const agreement = await connectDoc(chair.client, workspaceId, 'agreement')
    await agreement.synced()
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [new Y.XmlText(ARTICLE)])
    contentOf(agreement.doc).insert(0, [p])

    const page = await suite.newPage()
    await signInThroughUi(page, base, commenter.email)
    await page.goto(`${base}/alliances/${workspaceId}/accord`)
    const editor = page.locator('.ProseMirror[contenteditable="false"]', { hasText: ARTICLE })
    await editor.waitFor(WAIT)
    agreement.destroy()

    // Tab until the text has the focus (the links and buttons before it are few).
    for (let i = 0; i < 60; i++) {
      if (await editor.evaluate((el) => document.activeElement === el)) break
      await page.keyboard.press('Tab')
    }
    await expect(editor.evaluate((el) => document.activeElement === el)).resolves.toBe(true)
    // Shift+arrows select from the start; the selection is ProseMirror's, as with the mouse.
    await page.keyboard.press('Control+Home')
    for (let i = 0; i < 'Article 1'.length; i++) await page.keyboard.press('Shift+ArrowRight')
    await expect.poll(() => selectedText(editor), WAIT).toBe('Article 1')
    // Nothing typed changes the text.
    await page.keyboard.type('x')
    await expect(editor.textContent()).resolves.toBe(ARTICLE)

    const draft = page.getByTestId('thread-draft')
    await openThreadDraft(page, editor, draft, 'Article 1')
    const box = draft.getByRole('combobox', { name: 'Votre commentaire' })
    await box.focus()
    await page.keyboard.type('Que couvre cet article, @clai')
    await page
      .getByRole('listbox', { name: 'Personnes et partenaires à mentionner' })
      .getByRole('option', { name: /Claire Présidente/ })
      .waitFor(WAIT)
    await page.keyboard.press('Enter')
    await page.keyboard.type('?')
    await draft.getByRole('button', { name: 'Commenter' }).click()

    const thread = page.getByTestId('comment-thread').filter({ hasText: 'Que couvre cet article' })
    const chip = thread.locator('.message__body .mention')
    await chip.waitFor(WAIT)
    await expect(chip.textContent()).resolves.toBe('@Claire Présidente')
    await expect(thread.textContent()).resolves.not.toContain('@[')
    expect(await axeViolations(page)).toEqual([])
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'EDGE6-read-only-commented.png') })

    // The inbox of the person mentioned shows the name, not the token.
    await chairPage.goto(`${base}/alliances/${workspaceId}/inbox`)
    const item = chairPage.getByTestId('inbox-item').filter({ hasText: 'Que couvre cet article' })
    await item.waitFor(WAIT)
    await expect(item.textContent()).resolves.toContain('@Claire Présidente ?')
    await expect(item.textContent()).resolves.not.toContain('@[')
  })

  it('[EDGE7] the meeting and sign-off forms are the shared ones: convening, adding an agenda item, opening a vote, noting a decision and proposing a version check the shared schema, the refusal beside its field', async () => {
    const base = suite.server.url
    const { chair, workspaceId, meeting } = setup
    await chairPage.goto(`${base}/alliances/${workspaceId}/reunions`)
    const form = chairPage.getByTestId('schedule-form')
    await form.getByLabel('Intitulé').fill('Comité de décembre')
    await form.getByRole('button', { name: 'Convoquer une réunion' }).click()
    // No start: refused beside « Début », nothing sent.
    await expect.poll(() => form.getByLabel('Début').getAttribute('aria-invalid'), WAIT).toBe('true')
    const titles = async () =>
      (await chair.client.json<{ title: string }[]>('GET', `/api/workspaces/${workspaceId}/meetings?bodyId=copil`, undefined, 200)).map((m) => m.title)
    expect(await titles()).not.toContain('Comité de décembre')
    await form.getByLabel('Début').fill('2026-12-15T14:00')
    await form.getByLabel('Fin').fill('2026-12-15T16:00')
    await form.getByRole('button', { name: 'Convoquer une réunion' }).click()
    await expect.poll(titles, WAIT).toContain('Comité de décembre')
    await expect.poll(() => form.getByLabel('Intitulé').inputValue(), WAIT).toBe('')
    expect(await axeViolations(chairPage)).toEqual([])

    // Opening a vote without a question: refused beside the question.
    await chairPage.goto(`${base}/alliances/${workspaceId}/reunions?reunion=${meeting.id}`)
    const open = chairPage.getByRole('form', { name: 'Ouvrir le vote' })
    await open.waitFor(WAIT)
    await open.getByRole('button', { name: 'Ouvrir le vote' }).click()
    await expect.poll(() => open.getByLabel('Question soumise au vote').getAttribute('aria-invalid'), WAIT).toBe('true')
    // Adding an agenda item without a title: the same; with one, it is added.
    const addItem = chairPage.getByTestId('add-agenda-item')
    await addItem.getByRole('button', { name: 'Ajouter un point' }).click()
    await expect.poll(() => addItem.getByLabel('Nouveau point').getAttribute('aria-invalid'), WAIT).toBe('true')
    await addItem.getByLabel('Nouveau point').fill('Budget 2027')
    await addItem.getByRole('button', { name: 'Ajouter un point' }).click()
    await expect.poll(() => addItem.getByLabel('Nouveau point').inputValue(), WAIT).toBe('')
    const agenda = await chair.client.json<{ agenda: { title: string }[] }>('GET', `/api/workspaces/${workspaceId}/meetings/${meeting.id}`, undefined, 200)
    expect(agenda.agenda.map((i) => i.title)).toContain('Budget 2027')
    // Noting a decision without a title: the same.
    const record = chairPage.getByTestId('record-decision')
    await record.getByRole('button', { name: 'Noter une décision sans vote' }).click()
    await expect.poll(() => record.getByLabel('Décision notée').getAttribute('aria-invalid'), WAIT).toBe('true')

    // Sign-off: proposing without a name is refused beside the name, nothing proposed.
    await chairPage.goto(`${base}/alliances/${workspaceId}/accord`)
    const propose = chairPage.getByTestId('propose-form')
    await propose.getByRole('button', { name: 'Proposer à l’adoption' }).click()
    await expect.poll(() => propose.getByLabel('Nom de la version proposée').getAttribute('aria-invalid'), WAIT).toBe('true')
    await expect(propose.getByRole('button', { name: 'Proposer à l’adoption' }).count()).resolves.toBe(1)
  })

  it('[EDGE5] « Mon compte » sets the digest of each alliance: frequency and language saved, read back after a reload', async () => {
    const base = suite.server.url
    const { chair, workspaceId } = setup
    await chairPage.goto(`${base}/compte`)
    const form = chairPage.getByRole('form', { name: 'Résumé de « Alliance du littoral »' })
    await form.waitFor(WAIT)
    await expect(form.getByLabel('Fréquence').inputValue()).resolves.toBe('weekly')
    await form.getByLabel('Fréquence').selectOption({ label: 'Chaque jour' })
    await form.getByLabel('Langue du résumé').selectOption({ label: 'Anglais' })
    await form.getByRole('button', { name: 'Enregistrer le résumé' }).press('Enter')
    await form.getByText('Préférences du résumé enregistrées.').waitFor(WAIT)
    await expect(chair.client.json('GET', `/api/workspaces/${workspaceId}/me/digest`, undefined, 200)).resolves.toMatchObject({
      frequency: 'daily',
      language: 'en',
    })
    expect(await axeViolations(chairPage)).toEqual([])

    await chairPage.reload()
    await expect
      .poll(() => chairPage.getByRole('form', { name: 'Résumé de « Alliance du littoral »' }).getByLabel('Fréquence').inputValue(), WAIT)
      .toBe('daily')
    // Off: no next digest.
    const again = chairPage.getByRole('form', { name: 'Résumé de « Alliance du littoral »' })
    await again.getByLabel('Fréquence').selectOption('off')
    await again.getByRole('button', { name: 'Enregistrer le résumé' }).click()
    await again.getByText('Aucun résumé ne sera envoyé.').waitFor(WAIT)
  })
})
