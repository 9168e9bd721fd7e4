import { describe, expect, it } from 'vitest'
import { axeViolations } from '../helpers/axe.ts'
import { browserSuite, browserTestsEnabled, TEST_PASSWORD } from '../helpers/browser.ts'
import { signUp } from '../helpers/http.ts'

const WAIT = { timeout: 20_000 }
/** Words of better-auth's and the server's English messages that must not reach the French interface. */
const ENGLISH = /\b(invalid|password|email|already|exists|user|not found|error)\b/i

describe.skipIf(!browserTestsEnabled())('sign-in and sign-up errors in French', () => {
  const suite = browserSuite()

  it('[FR2] a wrong password and an address already taken are told in French (from the reason better-auth gives), never in its English words', async () => {
    const base = suite.server.url
    const known = await signUp(base, 'Inès Déjà Inscrite')
    const page = await suite.newPage()

    await page.goto(`${base}/connexion`)
    await page.getByLabel('Adresse e-mail').fill(known.email)
    await page.getByLabel('Mot de passe').fill('pas-le-bon-mot-de-passe-9')
    await page.getByRole('button', { name: 'Se connecter' }).click()
    const signInError = page.getByRole('alert')
    await signInError.getByText('Adresse e-mail ou mot de passe incorrect.').waitFor(WAIT)
    expect(await signInError.textContent()).not.toMatch(ENGLISH)
    expect(await axeViolations(page)).toEqual([])

    await page.goto(`${base}/inscription`)
    await page.getByLabel('Nom et prénom').fill('Inès Bis')
    await page.getByLabel('Adresse e-mail').fill(known.email)
    await page.getByLabel('Mot de passe').fill(`${TEST_PASSWORD}-autre`)
    await page.getByRole('button', { name: 'Créer mon compte' }).click()
    const signUpError = page.getByRole('alert')
    await signUpError.getByText('Un compte existe déjà avec cette adresse.').waitFor(WAIT)
    expect(await signUpError.textContent()).not.toMatch(ENGLISH)
  })
})
