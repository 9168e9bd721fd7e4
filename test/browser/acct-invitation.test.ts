import { describe, expect, it } from 'vitest'
import { browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'
import { signUp, uniqueEmail } from '../helpers/http.ts'
import { invitationTokenFromOutbox } from '../helpers/invitations.ts'

const WAIT = { timeout: 20_000 }

/**
 * The invitation path in French in a real browser (ACCT15): the coordinator invites from the members
 * page, the invitee opens the mailed link and creates their account through it, and lands in the
 * alliance; someone who signs up with an invited address without the link gets nothing.
 */
describe.skipIf(!browserTestsEnabled())('[ACCT15] inviting a partner in the browser', () => {
  const suite = browserSuite()

  it('[ACCT15] the admin invites from the members page; the invitee signs up through the mailed link (the password policy answering in French) and lands in the alliance; a sign-up with an invited address without the link gets no access', async () => {
    const base = suite.server.url
    const admin = await signUp(base, 'Claire Coordinatrice')
    const { id: workspaceId } = await admin.client.json<{ id: string }>('POST', '/api/workspaces', { name: 'Alliance du littoral' }, 201)
    await admin.client.json('POST', `/api/workspaces/${workspaceId}/partners`, { name: 'Association Estran', type: 'association' }, 201)
    const invitee = uniqueEmail('ines')
    const other = uniqueEmail('olivier')

    // The coordinator invites two addresses through the form.
    const adminPage = await suite.newPage()
    await signInThroughUi(adminPage, base, admin.email)
    await adminPage.goto(`${base}/alliances/${workspaceId}/membres`)
    await adminPage.getByRole('heading', { name: 'Partenaires & membres' }).waitFor(WAIT)
    const form = adminPage.getByRole('form', { name: 'Ajouter un membre' })
    for (const email of [invitee, other]) {
      await form.getByLabel('Adresse e-mail').fill(email)
      await form.getByLabel('Rôle', { exact: true }).selectOption({ label: 'Contributeur·rice' })
      await form.getByLabel('Partenaire', { exact: true }).selectOption({ label: 'Association Estran' })
      await form.getByRole('button', { name: 'Ajouter' }).click()
      await adminPage.getByText(`Invitation envoyée à ${email}`).first().waitFor(WAIT)
      await adminPage
        .locator(`[data-invitation="${email}"]`)
        .getByText(/Lien envoyé, valable jusqu’au/)
        .waitFor(WAIT)
    }
    await expect(adminPage.getByRole('button', { name: `Renvoyer un lien d’invitation à ${invitee}` }).isVisible()).resolves.toBe(true)

    // Inès opens the link from her mail, signed out, and creates her account through it.
    const token = await invitationTokenFromOutbox(admin.client, invitee)
    const page = await suite.newPage()
    await page.goto(`${base}/invitation/${token}`)
    await page.getByRole('heading', { name: 'Invitation à rejoindre « Alliance du littoral »' }).waitFor(WAIT)
    await page
      .getByText(
        'Claire Coordinatrice vous invite à rejoindre l’alliance « Alliance du littoral » sur Ensemble, rôle : Contributeur·rice, pour Association Estran.',
      )
      .waitFor(WAIT)
    await expect(page.getByLabel('Adresse e-mail').inputValue()).resolves.toBe(invitee)
    await expect(page.getByLabel('Adresse e-mail').getAttribute('readonly')).resolves.not.toBeNull()
    await page.getByLabel('Nom et prénom').fill('Inès Estran')
    // A common password: the server refuses it, the form says why in French.
    await page.getByLabel('Mot de passe').fill('azerty123')
    await page.getByRole('button', { name: 'Créer mon compte et rejoindre l’alliance' }).click()
    await page.getByText('Ce mot de passe fait partie des plus courants : choisissez-en un autre.').waitFor(WAIT)
    await page.getByLabel('Mot de passe').fill('vague-verte-sur-la-digue')
    await page.getByRole('button', { name: 'Créer mon compte et rejoindre l’alliance' }).click()
    await page.waitForFunction((path) => window.location.pathname === path, `/alliances/${workspaceId}`, WAIT)
    await page.getByRole('heading', { name: /Alliance du littoral — Tableau de bord/ }).waitFor(WAIT)
    await page.getByText('Votre rôle : Contributeur·rice').waitFor(WAIT)
    // The link is spent.
    expect((await admin.client.request('GET', `/api/invitations/${token}`)).status).toBe(404)

    // Olivier's address was invited too, but he signs up without the link: no alliance.
    const stranger = await suite.newPage()
    await stranger.goto(`${base}/inscription`)
    await stranger.getByLabel('Nom et prénom').fill('Olivier Sans Lien')
    await stranger.getByLabel('Adresse e-mail').fill(other)
    // His own address as a password: refused before it is sent, in French.
    await stranger.getByLabel('Mot de passe').fill(other)
    await stranger.getByRole('button', { name: 'Créer mon compte' }).click()
    await stranger.getByText('Le mot de passe ne doit contenir ni votre adresse e-mail ni votre nom.').waitFor(WAIT)
    await stranger.getByLabel('Mot de passe').fill('marée-basse-au-phare')
    await stranger.getByRole('button', { name: 'Créer mon compte' }).click()
    await stranger.getByRole('heading', { name: 'Mes alliances' }).waitFor(WAIT)
    await stranger.getByText('Vous ne participez encore à aucune alliance.', { exact: false }).waitFor(WAIT)
    await stranger.goto(`${base}/alliances/${workspaceId}`)
    await stranger.getByRole('alert').waitFor(WAIT)
    await expect(stranger.getByRole('heading', { name: /Alliance du littoral/ }).count()).resolves.toBe(0)

    // The coordinator sees Inès among the members, Olivier's invitation still pending.
    await adminPage.reload()
    await adminPage.getByTestId('member-table').getByText('Inès Estran').waitFor(WAIT)
    await adminPage.locator(`[data-invitation="${other}"]`).waitFor(WAIT)
    await expect(adminPage.locator(`[data-invitation="${invitee}"]`).count()).resolves.toBe(0)
  })
})
