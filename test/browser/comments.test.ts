import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS_DIR, browserTestsEnabled, ensureClientBuilt, launchBrowser, signInThroughUi } from '../helpers/browser.ts'
import { openThreadDraft } from './commentShortcut.ts'
import { selectBeforeLineEnd, selectDocumentStart } from './tiptapState.ts'
import { signUp } from '../helpers/http.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { addMember } from '../helpers/invitations.ts'

const WAIT = { timeout: 20_000 }
const CLAUSE = 'mettent en commun'
const ARTICLE = `Article 1 — Les partenaires ${CLAUSE} leurs moyens.`

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS_DIR, name), fullPage: false })

describe.skipIf(!browserTestsEnabled())('comments in real browsers: a clause commented, answered with a mention, in the inbox', () => {
  let server: TestServer
  let browser: Browser
  const contexts: BrowserContext[] = []
  let pageA: Page
  let pageB: Page
  let workspaceId: string
  let adminClient: Awaited<ReturnType<typeof signUp>>['client']
  let openPage: () => Promise<Page>
  const editable = '.ProseMirror[contenteditable="true"]'
  const panelOf = (page: Page) => page.getByRole('complementary', { name: /Commentaires/ })

  beforeAll(async () => {
    ensureClientBuilt()
    mkdirSync(ARTIFACTS_DIR, { recursive: true })
    server = await startTestServer()
    browser = await launchBrowser()
    const base = server.url
    const admin = await signUp(base, 'Claire Admin')
    const editor = await signUp(base, 'Bruno Éditeur')
    adminClient = admin.client
    ;({ id: workspaceId } = await admin.client.json<{ id: string }>('POST', '/api/workspaces', { name: 'Alliance du littoral' }, 201))
    const { id: partnerId } = await admin.client.json<{ id: string }>(
      'POST',
      `/api/workspaces/${workspaceId}/partners`,
      { name: 'Association Estran', type: 'association' },
      201,
    )
    await addMember(admin.client, workspaceId, editor, { role: 'editor', partnerId })
    const open = async () => {
      const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } })
      contexts.push(context)
      return context.newPage()
    }
    openPage = open
    pageA = await open()
    pageB = await open()
    await signInThroughUi(pageA, base, admin.email)
    await signInThroughUi(pageB, base, editor.email)
  })

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined)
    await browser?.close()
    await server?.close()
  })

  it('[COMM11] A selects a clause of the agreement and comments it; B sees the thread and the highlight appear without reload', async () => {
    const agreement = `${server.url}/alliances/${workspaceId}/accord`
    await Promise.all([pageA.goto(agreement), pageB.goto(agreement)])
    await pageA.locator(editable).waitFor(WAIT)
    await pageB.locator(editable).waitFor(WAIT)
    // The panel is a complementary landmark on both pages, empty for now.
    await panelOf(pageB).getByText('Aucun fil de discussion ici.').waitFor(WAIT)

    await pageA.locator(editable).click()
    await pageA.keyboard.type(ARTICLE)
    await pageB.locator('.ProseMirror', { hasText: ARTICLE }).waitFor(WAIT)

    // Select the clause with the keyboard: from the end, back over " leurs moyens.", then the clause.
    await selectBeforeLineEnd(pageA, pageA.locator(editable), CLAUSE, ' leurs moyens.')
    await pageA.getByTestId('comment-selection').click()
    const draft = pageA.getByTestId('thread-draft')
    await draft.getByText(CLAUSE).waitFor(WAIT)
    await draft.getByRole('combobox', { name: 'Votre commentaire' }).fill('Faut-il **préciser** les moyens ?')
    await draft.getByRole('button', { name: 'Commenter' }).click()

    // A's own thread, and the highlight on exactly the clause.
    await panelOf(pageA).getByTestId('comment-thread').filter({ hasText: 'préciser' }).waitFor(WAIT)
    await expect(pageA.locator('.comment-anchor').textContent()).resolves.toBe(CLAUSE)

    // B: the thread arrives live (no reload), its quote, the formatted message, and the highlight.
    const thread = panelOf(pageB).getByTestId('comment-thread').filter({ hasText: CLAUSE })
    await thread.waitFor(WAIT)
    await expect(thread.locator('.message__body strong').textContent()).resolves.toBe('préciser')
    await pageB.locator('.comment-anchor', { hasText: CLAUSE }).waitFor(WAIT)
    await expect(pageB.getByTestId('comment-announcer').textContent()).resolves.toContain('Claire Admin')
    // Clicking the highlight focuses its thread.
    await pageB.locator('.comment-anchor').click()
    await pageB.locator('[data-testid="comment-thread"].thread--focused').waitFor(WAIT)
    await shot(pageB, 'COMM11-thread-live.png')

    // The keyboard way: select, Ctrl+Alt+M opens the new-thread box on the selection; Escape leaves it.
    await pageB.locator(editable).focus()
    await selectDocumentStart(pageB, pageB.locator(editable), 'Article 1')
    const draftB = pageB.getByTestId('thread-draft')
    await openThreadDraft(pageB, pageB.locator(editable), draftB, 'Article 1')
    await expect(pageB.evaluate(() => document.activeElement?.getAttribute('role'))).resolves.toBe('combobox')
    await pageB.keyboard.press('Escape')
    await draftB.waitFor({ state: 'detached', ...WAIT })
  })

  it('[COMM12] B replies mentioning A through the autocomplete (keyboard), and A sees the reply live', async () => {
    const thread = panelOf(pageB).getByTestId('comment-thread').filter({ hasText: CLAUSE })
    await thread.getByTestId('thread-reply').click()
    const box = thread.getByRole('combobox', { name: 'Votre réponse' })
    await box.focus()
    await pageB.keyboard.type("D'accord, @cla")
    const listbox = pageB.getByRole('listbox', { name: 'Personnes et partenaires à mentionner' })
    await listbox.waitFor(WAIT)
    const option = listbox.getByRole('option', { name: /Claire Admin/ })
    await expect(option.getAttribute('aria-selected')).resolves.toBe('true')
    await expect(box.getAttribute('aria-expanded')).resolves.toBe('true')
    await expect(box.getAttribute('aria-activedescendant')).resolves.toBe(await option.getAttribute('id'))
    await pageB.keyboard.press('Enter')
    await pageB.keyboard.type('une annexe financière ?')
    const value = await box.inputValue()
    expect(value).toMatch(/^D'accord, @\[Claire Admin\]\(user:[A-Za-z0-9_-]+\) une annexe financière \?$/)
    await thread.getByRole('button', { name: 'Envoyer' }).click()

    // Rendered as a mention on both pages.
    await thread.locator('.message__body .mention', { hasText: '@Claire Admin' }).waitFor(WAIT)
    const onA = panelOf(pageA).getByTestId('comment-thread').filter({ hasText: CLAUSE })
    await onA.locator('.message__body', { hasText: 'une annexe financière' }).waitFor(WAIT)
    await expect(pageA.getByTestId('comment-announcer').textContent()).resolves.toContain('Bruno Éditeur')
    await shot(pageB, 'COMM12-mention-reply.png')
  })

  it('[COMM13] A’s inbox badge shows 1 unread, live; the inbox lists the mention and marks it read', async () => {
    const badge = pageA.getByTestId('inbox-badge')
    await pageA.locator('[data-testid="inbox-badge"][data-count="1"]').waitFor(WAIT)
    await expect(badge.textContent()).resolves.toContain('1 non lu')
    await pageA
      .getByRole('navigation', { name: 'Navigation de l’alliance' })
      .getByRole('link', { name: /Boîte de réception/ })
      .click()
    await pageA.getByRole('heading', { name: 'Boîte de réception', level: 1 }).waitFor(WAIT)
    const item = pageA.getByTestId('inbox-item')
    await item.waitFor(WAIT)
    await expect(item.count()).resolves.toBe(1)
    await expect(item.getAttribute('data-kind')).resolves.toBe('mention')
    await expect(item.getAttribute('data-read')).resolves.toBe('false')
    await expect(item.textContent()).resolves.toContain('Bruno Éditeur vous a mentionné·e')
    await expect(item.textContent()).resolves.toContain('@Claire Admin une annexe financière ?')
    await expect(item.textContent()).resolves.toContain('Accord de consortium')
    await shot(pageA, 'COMM13-inbox.png')

    await item.getByRole('button', { name: 'Marquer comme lu' }).click()
    await pageA.locator('[data-testid="inbox-item"][data-read="true"]').waitFor(WAIT)
    await pageA.getByTestId('inbox-badge').waitFor({ state: 'detached', ...WAIT })

    // The link goes back to the thread, focused, on its page.
    await item.getByRole('link', { name: 'Ouvrir le fil' }).click()
    await pageA.locator('[data-testid="comment-thread"].thread--focused', { hasText: CLAUSE }).waitFor(WAIT)
  })

  it('[COMM10] when A deletes the commented clause, the thread stays listed on B’s page, flagged orphelin, with its quote', async () => {
    await pageA.locator(editable).waitFor(WAIT)
    await pageA.locator('.comment-anchor').waitFor(WAIT)
    await pageA.locator(editable).focus()
    // Select exactly the highlighted clause (arrow keys would also step over the other member's caret).
    await pageA.evaluate(() => {
      const range = document.createRange()
      range.selectNodeContents(document.querySelector('.comment-anchor')!)
      window.getSelection()!.removeAllRanges()
      window.getSelection()!.addRange(range)
    })
    await pageA.waitForFunction((clause) => String(window.getSelection()) === clause, CLAUSE, WAIT)
    await pageA.keyboard.press('Backspace')
    await pageB.locator('.ProseMirror', { hasText: CLAUSE }).waitFor({ state: 'detached', ...WAIT })
    const thread = panelOf(pageB).getByTestId('comment-thread').filter({ hasText: CLAUSE })
    await thread.getByTestId('thread-orphaned').waitFor(WAIT)
    await expect(pageB.locator('.comment-anchor').count()).resolves.toBe(0)
    await shot(pageB, 'COMM10-orphaned.png')
  })

  it('[COMM14] threads on an action, on its deadline and on a governance body: counts on the buttons, the same panel in a drawer, live for the other member', async () => {
    const plan = `${server.url}/alliances/${workspaceId}/plan`
    await Promise.all([pageA.goto(plan), pageB.goto(plan)])
    await pageA.locator('[data-testid="add-action"]:not([disabled])').waitFor(WAIT)
    await pageA.getByTestId('add-action').click()
    const rowB = pageB.getByTestId('action-row').first()
    await rowB.waitFor(WAIT)

    // A opens the action's thread from its row: a drawer with the comment landmark.
    const rowA = pageA.getByTestId('action-row').first()
    await rowA.locator('[data-testid="comment-count"][data-count="0"]').click()
    const drawerA = pageA.getByTestId('comment-drawer')
    await panelOf(pageA).waitFor(WAIT)
    await drawerA.getByRole('combobox', { name: 'Votre commentaire' }).fill('Qui pilote cette action ?')
    await drawerA.getByRole('button', { name: 'Commenter' }).click()
    await drawerA.getByTestId('comment-thread').filter({ hasText: 'Qui pilote' }).waitFor(WAIT)
    // B's row count follows, live.
    await rowB.locator('[data-testid="comment-count"][data-target-kind="action"][data-count="1"]').waitFor(WAIT)

    // B discusses the deadline field from the action's detail; the field's count moves on A's page.
    await rowB.locator('[data-tool="details"]').click()
    await pageB.locator('[data-testid="comment-count"][data-field="deadline"]').click()
    const drawerB = pageB.getByTestId('comment-drawer')
    await drawerB.getByRole('combobox', { name: 'Votre commentaire' }).fill('Échéance trop proche ?')
    await drawerB.getByRole('button', { name: 'Commenter' }).click()
    await drawerB.getByTestId('comment-thread').filter({ hasText: 'Échéance trop proche' }).waitFor(WAIT)
    // The action-level thread is not in the field's panel.
    await expect(drawerB.getByTestId('comment-thread').count()).resolves.toBe(1)
    await pageB.keyboard.press('Escape')
    await drawerB.waitFor({ state: 'detached', ...WAIT })
    await drawerA.getByTestId('comment-panel-close').click()
    await rowA.locator('[data-tool="details"]').click()
    await pageA.locator('[data-testid="comment-count"][data-field="deadline"][data-count="1"]').waitFor(WAIT)
    await shot(pageA, 'COMM14-plan.png')

    // A governance body: its card has the same button.
    const governance = `${server.url}/alliances/${workspaceId}/gouvernance`
    await Promise.all([pageA.goto(governance), pageB.goto(governance)])
    await pageA.getByTestId('add-body').click()
    const cardB = pageB.getByTestId('body-card').first()
    await cardB.waitFor(WAIT)
    await pageA.getByTestId('body-card').first().getByTestId('comment-count').click()
    await pageA.getByTestId('comment-drawer').getByRole('combobox', { name: 'Votre commentaire' }).fill('Quorum à revoir')
    await pageA.getByTestId('comment-drawer').getByRole('button', { name: 'Commenter' }).click()
    await cardB.locator('[data-testid="comment-count"][data-count="1"]').waitFor(WAIT)
  })

  it('[COMM15] the interface offers only what the server allows: an observer reads without composer; only authors edit their messages; only the admin hides', async () => {
    const observer = await signUp(server.url, 'Odile Observatrice')
    await addMember(adminClient, workspaceId, observer, { role: 'observer' })
    const pageO = await openPage()
    await signInThroughUi(pageO, server.url, observer.email)
    const agreement = `${server.url}/alliances/${workspaceId}/accord`
    await Promise.all([pageA.goto(agreement), pageB.goto(agreement), pageO.goto(agreement)])

    const threadOn = (page: Page) => panelOf(page).getByTestId('comment-thread').filter({ hasText: CLAUSE })
    await threadOn(pageO).locator('.message__body', { hasText: 'une annexe financière' }).waitFor(WAIT)
    await panelOf(pageO).getByText('vous lisez les commentaires sans pouvoir en écrire').waitFor(WAIT)
    await expect(pageO.getByTestId('comment-selection').count()).resolves.toBe(0)
    await expect(threadOn(pageO).getByRole('button').count()).resolves.toBe(0)

    // B edits and deletes only B's own message; nobody but the admin may hide.
    const byB = threadOn(pageB).getByTestId('comment-message').filter({ hasText: 'une annexe financière' })
    const byA = threadOn(pageB).getByTestId('comment-message').filter({ hasText: 'préciser' })
    await byB.waitFor(WAIT)
    await expect(byB.getByRole('button').allTextContents()).resolves.toEqual(['Modifier', 'Supprimer'])
    await expect(byA.getByRole('button').count()).resolves.toBe(0)

    // The admin hides B's message; the observer sees the placeholder arrive live.
    const onA = threadOn(pageA).getByTestId('comment-message').filter({ hasText: 'une annexe financière' })
    await expect(onA.getByRole('button').allTextContents()).resolves.toEqual(['Masquer'])
    pageA.once('dialog', (dialog) => void dialog.accept())
    await onA.getByRole('button', { name: 'Masquer' }).click()
    await threadOn(pageO).getByText('message masqué par un administrateur').waitFor(WAIT)
    await shot(pageO, 'COMM15-observer.png')
  })
})
