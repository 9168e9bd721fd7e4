import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { startTestServer, type TestServer } from './server.ts'

/**
 * Real Chromium for the end-to-end tests (Debian's package: `apt-get install -y chromium`).
 * Without it the browser tests are skipped loudly on a workstation, and fail under CI=true.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')

/** True when the browser tests can run; throws under CI=true when Chromium is missing. */
export function browserTestsEnabled(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true
  const message = `Chromium not found at ${CHROMIUM_PATH} (install it with \`apt-get update && apt-get install -y chromium\`, or set CHROMIUM_PATH)`
  if (process.env.CI === 'true') throw new Error(`${message}: browser tests are required when CI=true.`)
  console.warn(`\n\n  ⚠⚠⚠  SKIPPING BROWSER TESTS — ${message}. Set CI=true to make this a failure.  ⚠⚠⚠\n\n`)
  return false
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true })
}

/**
 * The server serves client/dist; `pnpm test` builds it first. When a browser test runs on its own
 * and no build exists, build it here rather than testing a server without its interface.
 */
export function ensureClientBuilt(): void {
  if (existsSync(path.join(repoRoot, 'client/dist/index.html'))) return
  execFileSync(process.execPath, [path.join(repoRoot, 'client/node_modules/vite/bin/vite.js'), 'build'], {
    cwd: path.join(repoRoot, 'client'),
    stdio: 'inherit',
  })
}

/** Where screenshots go (git-ignored). */
export const ARTIFACTS_DIR = path.join(repoRoot, 'test/artifacts')

/** The password test/helpers/http.ts signs users up with. */
export const TEST_PASSWORD = 'motdepasse-solide-1'

/** Signs in through the real form, as a person would, and waits for the list of alliances. */
export async function signInThroughUi(page: Page, baseUrl: string, email: string, timeout = 20_000): Promise<void> {
  await page.goto(`${baseUrl}/connexion`)
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.getByRole('heading', { name: 'Mes alliances' }).waitFor({ timeout })
}

/**
 * For a browser suite: the built client, a fresh server and Chromium for the suite, and French
 * desktop pages, each in its own context (its own cookies), all closed afterwards.
 */
export function browserSuite(): { readonly server: TestServer; newPage(): Promise<Page> } {
  let server: TestServer | undefined
  let browser: Browser | undefined
  const contexts: BrowserContext[] = []
  beforeAll(async () => {
    ensureClientBuilt()
    mkdirSync(ARTIFACTS_DIR, { recursive: true })
    server = await startTestServer()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined)
    await browser?.close()
    await server?.close()
  })
  return {
    get server() {
      if (!server) throw new Error('the suite server starts in beforeAll')
      return server
    },
    newPage: async () => {
      const context = await browser!.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } })
      contexts.push(context)
      return context.newPage()
    },
  }
}
