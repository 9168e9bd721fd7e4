import path from 'node:path'
import { bodiesOf, readBody } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { ARTIFACTS_DIR, browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'
import { connectDoc } from '../helpers/collab.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { chairedMeeting } from './meetingSetup.ts'

const WAIT = { timeout: 20_000 }

describe.skipIf(!browserTestsEnabled())('[GOV22] colleges of a body, edited in a real browser', () => {
  const suite = browserSuite()

  it('[GOV22] the chair defines two colleges with the keyboard-usable editor: colleges and seats are saved together and the server accepts them', async () => {
    const base = suite.server.url
    const { chair, workspaceId, partnerId } = await chairedMeeting(base)
    const { id: cityId } = await chair.client.json<{ id: string }>(
      'POST',
      `/api/workspaces/${workspaceId}/partners`,
      { name: 'Ville de Lorient', type: 'collectivite_territoriale' },
      201,
    )
    const page = await suite.newPage()
    await signInThroughUi(page, base, chair.email)
    await page.goto(`${base}/alliances/${workspaceId}/gouvernance`)
    const editor = page.locator('[data-body-id="copil"]').getByTestId('colleges-editor')
    await editor.getByRole('button', { name: 'Définir des collèges' }).click()
    // The first college takes the body's seats; a second one gives the city a seat, weighing 3.
    const first = editor.getByTestId('college').nth(0)
    await first.getByLabel('Nom du collège').fill('Associations')
    await editor.getByRole('button', { name: 'Ajouter un collège' }).click()
    await editor.getByText('Collège ajouté.').waitFor({ state: 'attached', ...WAIT })
    const second = editor.getByTestId('college').nth(1)
    await second.getByLabel('Nom du collège').fill('Acteurs publics')
    await second.getByLabel('Poids').fill('3')
    await second.getByLabel('Sièges de Ville de Lorient dans le collège Acteurs publics').fill('1')
    await second.getByLabel('Quorum du collège').selectOption('count')
    await second.getByLabel('Sièges requis').fill('1')
    await editor.getByRole('button', { name: 'Enregistrer les collèges et les sièges' }).press('Enter')
    await editor.getByText('Collèges et sièges enregistrés.').waitFor({ state: 'attached', ...WAIT })
    await editor.getByText('Collège Acteurs publics : poids 3, 1 siège(s)').waitFor(WAIT)
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'GOV22-colleges.png') })

    // The server kept it (read back through a provider), and the seats of the body follow.
    const governance = await connectDoc(chair.client, workspaceId, 'governance')
    await governance.synced()
    const body = await waitFor(
      () => {
        const map = bodiesOf(governance.doc).get('copil')
        const b = map ? readBody(map) : null
        return b?.voting?.colleges.length === 2 ? b : null
      },
      { message: 'the colleges on the server' },
    )
    expect(body.seats).toEqual({ [partnerId]: 1, [cityId]: 1 })
    expect(body.voting!.colleges.map((c) => [c.name, c.weight, c.seats, c.quorum])).toEqual([
      ['Associations', 1, { [partnerId]: 1 }, null],
      ['Acteurs publics', 3, { [cityId]: 1 }, { kind: 'count', seats: 1 }],
    ])
    governance.destroy()
    // After a reload too; the plain seats grid is read-only now that colleges hold the seats.
    await page.reload()
    await page.locator('[data-body-id="copil"]').getByText('Collège Acteurs publics : poids 3, 1 siège(s)').waitFor(WAIT)
    await page.locator('[data-body-id="copil"]').getByText('Cette instance a des collèges').waitFor(WAIT)
  })
})
