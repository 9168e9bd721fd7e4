import { describe, expect, it } from 'vitest'
import { axeViolations } from '../helpers/axe.ts'
import { browserSuite, browserTestsEnabled, TEST_PASSWORD } from '../helpers/browser.ts'
import { HttpClient, signUp } from '../helpers/http.ts'
import { resetTokenFromOutbox } from '../helpers/passwordResets.ts'

const WAIT = { timeout: 20_000 }

/**
 * The forgotten-password path in French in a real browser (ACCT21): from the sign-in form to the
 * mailed link, a common password refused with its reason, then signed in with the new one; the
 * account's other session is over, and the spent link says so.
 */
describe.skipIf(!browserTestsEnabled())('[ACCT21] resetting a forgotten password in the browser', () => {
  const suite = browserSuite()

  it('[ACCT21] « Mot de passe oublié ? » on the sign-in form mails a link; the link’s page refuses a common password in French, sets a good one and signs in; the other session is over; the pages pass axe', async () => {
    const base = suite.server.url
    const owner = await signUp(base, 'Gaëlle Oublieuse')
    const reader = (await signUp(base, 'Lectrice Courrier')).client

    const page = await suite.newPage()
    await page.goto(`${base}/connexion`)
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click()
    await page.getByRole('heading', { name: 'Mot de passe oublié' }).waitFor(WAIT)
    expect(await axeViolations(page)).toEqual([])
    // An address that is not one: told in French, nothing sent.
    await page.getByLabel('Adresse e-mail').fill('gaelle-sans-arobase')
    await page.getByRole('button', { name: 'Recevoir un lien' }).click()
    await page.getByText('Adresse e-mail invalide.').waitFor(WAIT)
    await page.getByLabel('Adresse e-mail').fill(owner.email)
    await page.getByRole('button', { name: 'Recevoir un lien' }).click()
    await page.getByRole('status').getByText(`Un message vient d’être envoyé à ${owner.email}.`, { exact: false }).waitFor(WAIT)

    const token = await resetTokenFromOutbox(reader, owner.email)
    await page.goto(`${base}/nouveau-mot-de-passe/${token}`)
    await page.getByRole('heading', { name: 'Nouveau mot de passe' }).waitFor(WAIT)
    await page.getByText(`Pour le compte ${owner.email}.`, { exact: false }).waitFor(WAIT)
    expect(await axeViolations(page)).toEqual([])
    // A common password: the server refuses it, the form says why in French, beside the field.
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('azerty123')
    await page.getByLabel('Répétez le nouveau mot de passe').fill('azerty123')
    await page.getByRole('button', { name: 'Enregistrer et me connecter' }).click()
    await page.getByText('Ce mot de passe fait partie des plus courants : choisissez-en un autre.').waitFor(WAIT)
    await expect(page.getByLabel('Nouveau mot de passe', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true')
    // Two different passwords: caught before anything is sent.
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('goeland-sur-la-jetee-8')
    await page.getByLabel('Répétez le nouveau mot de passe').fill('goeland-sur-la-jetee-9')
    await page.getByRole('button', { name: 'Enregistrer et me connecter' }).click()
    await page.getByText('Les deux mots de passe diffèrent.').waitFor(WAIT)
    await page.getByLabel('Répétez le nouveau mot de passe').fill('goeland-sur-la-jetee-8')
    await page.getByRole('button', { name: 'Enregistrer et me connecter' }).click()
    await page.getByRole('heading', { name: 'Mes alliances' }).waitFor(WAIT)
    await page.getByTestId('signed-in-user').getByText('Gaëlle Oublieuse', { exact: false }).waitFor(WAIT)

    // The session the account had before is over; the old password no longer opens it.
    expect((await owner.client.request('GET', '/api/me')).status).toBe(401)
    expect((await new HttpClient(base).request('POST', '/api/auth/sign-in/email', { email: owner.email, password: TEST_PASSWORD })).status).toBe(401)
    // The link is spent: its page says so and offers a new one.
    await page.goto(`${base}/nouveau-mot-de-passe/${token}`)
    await page.getByRole('alert').getByText('Ce lien n’est pas valable', { exact: false }).waitFor(WAIT)
    await page.getByRole('link', { name: 'Demander un nouveau lien' }).waitFor(WAIT)
  })
})
