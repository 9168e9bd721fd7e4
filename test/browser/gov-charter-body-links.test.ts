import path from 'node:path'
import { bodiesOf, bodyLinkHref, buildBody, contentOf, findBodyLinks, keysAfter } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { ARTIFACTS_DIR, browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'
import { connectDoc } from '../helpers/collab.ts'
import { signUp } from '../helpers/http.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { markActive, pressEnterForNewBlock, selectBeforeLineEnd } from './tiptapState.ts'
import { addMember } from '../helpers/invitations.ts'

const WAIT = { timeout: 20_000 }
const EDITABLE = '.ProseMirror[contenteditable="true"]'
const LINKED = 'comité de pilotage'
const AFTER = ' suit le plan.'

describe.skipIf(!browserTestsEnabled())('[GOV25] the charter links to the governance bodies it defines, in a real browser', () => {
  const suite = browserSuite()

  it('[GOV25] steering links a passage of the charter to a body with the keyboard, follows it to the body’s card and sees where the charter defines it', async () => {
    const base = suite.server.url
    const admin = await signUp(base, 'Claire Admin')
    const steering = await signUp(base, 'Malik Pilotage')
    const { id: workspaceId } = await admin.client.json<{ id: string }>('POST', '/api/workspaces', { name: 'Alliance du littoral' }, 201)
    const { id: partnerId } = await admin.client.json<{ id: string }>(
      'POST',
      `/api/workspaces/${workspaceId}/partners`,
      { name: 'Association Estran', type: 'association' },
      201,
    )
    await addMember(admin.client, workspaceId, steering, { role: 'steering', partnerId })
    const governance = await connectDoc(admin.client, workspaceId, 'governance')
    await governance.synced()
    const [first, second] = keysAfter(null, 2) as [string, string]
    const body = {
      level: 'strategic',
      mandate: '',
      seats: { [partnerId]: 1 },
      decisionRule: 'simple_majority',
      quorum: 1,
      cadence: 'monthly',
      chair: null,
    } as const
    bodiesOf(governance.doc).set('copil', buildBody({ ...body, name: 'Comité de pilotage', order: first }))
    bodiesOf(governance.doc).set('ct', buildBody({ ...body, name: 'Comité technique', level: 'operational', order: second }))
    await waitFor(() => governance.provider.synced && governance.errors.length === 0 && bodiesOf(governance.doc).size === 2)

    const page = await suite.newPage()
    await signInThroughUi(page, base, steering.email)
    await page.goto(`${base}/alliances/${workspaceId}/charte`)
    const editor = page.locator(EDITABLE)
    await editor.waitFor(WAIT)
    await editor.click()
    await page.keyboard.press('Control+Alt+2')
    await page.keyboard.type('5. Gouvernance')
    await pressEnterForNewBlock(page, editor)
    await page.keyboard.type(`Le ${LINKED}${AFTER}`)
    // Select the passage with the keyboard, then open the link form (Ctrl+K).
    await selectBeforeLineEnd(page, editor, LINKED, AFTER)
    await page.keyboard.press('Control+k')
    const form = page.locator('form.link-form')
    await form.getByLabel('Adresse du lien').waitFor(WAIT)
    // From the address field, back to the radio group, and the arrow picks "a governance body".
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => form.getByLabel('Lier à une instance de gouvernance').isChecked()).toBe(true)
    const select = form.getByRole('combobox', { name: 'Instance de gouvernance' })
    await select.waitFor(WAIT)
    await expect.poll(() => select.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => select.inputValue()).toBe('copil')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    const link = editor.locator(`a[href="${bodyLinkHref(workspaceId, 'copil')}"]`)
    await link.waitFor(WAIT)
    expect(await link.textContent()).toBe(LINKED)

    // The server accepted and kept it.
    const charter = await connectDoc(admin.client, workspaceId, 'charter')
    await charter.synced()
    const sites = await waitFor(
      () => {
        const found = findBodyLinks(contentOf(charter.doc))
        return found.length === 1 ? found : null
      },
      { message: 'the body link on the server' },
    )
    expect(sites).toEqual([{ workspaceId, bodyId: 'copil', heading: '5. Gouvernance', text: LINKED }])
    charter.destroy()

    // Follow it from the keyboard: the caret inside the link, Alt+Enter.
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => markActive(editor, 'link'), WAIT).toBe(true)
    await page.keyboard.press('Alt+Enter')
    await page.waitForURL(`${base}/alliances/${workspaceId}/gouvernance#instance-copil`, WAIT)
    const card = page.locator('[data-body-id="copil"]')
    await page.waitForFunction(() => document.activeElement?.id === 'instance-copil', undefined, WAIT)
    await card.getByText('Définie dans la charte : « 5. Gouvernance »').waitFor(WAIT)
    await page.locator('[data-body-id="ct"]').getByText('Pas encore rattachée à la charte').waitFor(WAIT)
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'GOV25-body-card.png') })

    // Live: the admin renames the charter's section; the card follows without a reload.
    const live = await connectDoc(admin.client, workspaceId, 'charter')
    await live.synced()
    const heading = contentOf(live.doc)
      .toArray()
      .find((n) => 'nodeName' in n && n.nodeName === 'heading')!
    ;(heading as unknown as { get(i: number): { insert(i: number, s: string): void } }).get(0).insert('5. Gouvernance'.length, ' de l’alliance')
    await card.getByText('Définie dans la charte : « 5. Gouvernance de l’alliance »').waitFor(WAIT)
    live.destroy()

    // Back to the charter from the card; a link to a body that no longer exists says so politely.
    await card.getByRole('link', { name: 'Voir la charte' }).click()
    await page.waitForURL(`${base}/alliances/${workspaceId}/charte`, WAIT)
    await page.goto(`${base}/alliances/${workspaceId}/gouvernance#instance-disparue`)
    await page.getByRole('status').getByText('L’instance visée par ce lien n’existe plus').waitFor(WAIT)
    governance.destroy()
  })
})
