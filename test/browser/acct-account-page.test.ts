import { LIMITS } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { axeViolations } from '../helpers/axe.ts'
import { browserSuite, browserTestsEnabled, signInThroughUi, TEST_PASSWORD } from '../helpers/browser.ts'
import { HttpClient, signUp } from '../helpers/http.ts'

const WAIT = { timeout: 20_000 }

/**
 * « Mon compte » in French in a real browser (ACCT22), used with the keyboard only: reached from
 * the header, it shows the address, renames (the bound told in French, nothing sent past it) and
 * changes the password (the current one required, the policy's reasons in French); the account's
 * other session ends, this one stays. The page passes axe.
 */
describe.skipIf(!browserTestsEnabled())('[ACCT22] the account page in the browser', () => {
  const suite = browserSuite()

  it('[ACCT22] from the header with the keyboard: the address is shown, the name is changed (a name past the bound refused in French), the password is changed (wrong current one and common new one refused in French); other sessions end; axe finds nothing', async () => {
    const base = suite.server.url
    const person = await signUp(base, 'Hugo Compte')
    const elsewhere = new HttpClient(base)
    await elsewhere.json('POST', '/api/auth/sign-in/email', { email: person.email, password: TEST_PASSWORD }, 200)
    const page = await suite.newPage()
    await signInThroughUi(page, base, person.email)

    // Tab from the top of the page to « Mon compte » in the header, and open it with Enter.
    await page.locator('body').focus()
    const focusedText = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')
    for (let i = 0; i < 15 && (await focusedText()) !== 'Mon compte'; i++) await page.keyboard.press('Tab')
    expect(await focusedText()).toBe('Mon compte')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor(WAIT)
    await page.waitForFunction(() => window.location.pathname === '/compte', undefined, WAIT)
    await expect(page.getByRole('link', { name: 'Mon compte' }).getAttribute('aria-current')).resolves.toBe('page')
    await expect(page.getByTestId('account-email').textContent()).resolves.toBe(person.email)
    expect(await axeViolations(page)).toEqual([])

    // The name: one character past the bound is refused in French, beside the field, before anything is sent.
    const identity = page.getByRole('region', { name: 'Identité' })
    const name = identity.getByLabel('Nom et prénom')
    await name.focus()
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.insertText('x'.repeat(LIMITS.personNameLength + 1))
    await page.keyboard.press('Enter')
    await identity.getByText(`Pas plus de ${LIMITS.personNameLength} caractères.`).waitFor(WAIT)
    await expect(name.getAttribute('aria-invalid')).resolves.toBe('true')
    expect(await person.client.json('GET', '/api/me', undefined, 200)).toMatchObject({ name: 'Hugo Compte' })
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.insertText('Hugo Comptable')
    await page.keyboard.press('Enter')
    await identity.getByRole('status').getByText('Nom enregistré.').waitFor(WAIT)
    await page.getByTestId('signed-in-user').getByText('Hugo Comptable', { exact: false }).waitFor(WAIT)
    expect(await elsewhere.json('GET', '/api/me', undefined, 200)).toMatchObject({ name: 'Hugo Comptable' })

    // The password: a wrong current one, then a common new one, each refused in French beside its field.
    const security = page.getByRole('region', { name: 'Mot de passe' })
    await security.getByLabel('Mot de passe actuel').fill('pas-le-mien-du-tout')
    await security.getByLabel('Nouveau mot de passe').fill('falaise-et-galets-3')
    await security.getByLabel('Nouveau mot de passe').press('Enter')
    await security.getByText('Ce n’est pas votre mot de passe actuel.').waitFor(WAIT)
    await security.getByLabel('Mot de passe actuel').fill(TEST_PASSWORD)
    await security.getByLabel('Nouveau mot de passe').fill('azerty123')
    await security.getByLabel('Nouveau mot de passe').press('Enter')
    await security.getByText('Ce mot de passe fait partie des plus courants : choisissez-en un autre.').waitFor(WAIT)
    await security.getByLabel('Nouveau mot de passe').fill('falaise-et-galets-3')
    await security.getByLabel('Nouveau mot de passe').press('Enter')
    await security.getByRole('status').getByText('Mot de passe changé.', { exact: false }).waitFor(WAIT)
    expect(await axeViolations(page)).toEqual([])

    // The other session is over; this one carries on; the new password opens the account.
    expect((await elsewhere.request('GET', '/api/me')).status).toBe(401)
    await page.reload()
    await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor(WAIT)
    await new HttpClient(base).json('POST', '/api/auth/sign-in/email', { email: person.email, password: 'falaise-et-galets-3' }, 200)
  })
})
