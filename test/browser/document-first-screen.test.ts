import { contentOf } from '@ensemble/shared'
import type { Route } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createAlliance } from '../helpers/alliance.ts'
import { browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'
import { connectDoc } from '../helpers/collab.ts'
import { element, para, runs } from '../helpers/richTextBlocks.ts'

const WAIT = { timeout: 30_000 }

describe.skipIf(!browserTestsEnabled())('[BENCH4] a rich-text document shows its text before the editor’s code runs', () => {
  const suite = browserSuite()

  it('[BENCH4] the text is shown read-only and busy while the editor loads, follows the others’ edits, and stays in place when the editor takes over', async () => {
    const base = suite.server.url
    const { workspaceId, admin } = await createAlliance(base)
    const seeder = await connectDoc(admin.client, workspaceId, 'agreement')
    await seeder.synced()
    contentOf(seeder.doc).insert(0, [
      element('heading', { level: 1 }, [runs(['Article 1 — Objet'])]),
      para(['Les partenaires coopèrent ']),
      para(['pour le littoral', { bold: {} }]),
    ])

    const page = await suite.newPage()
    await signInThroughUi(page, base, admin.email)
    // The editor's chunk is held back until released below, so the page can be seen without it.
    let release = () => {}
    const released = new Promise<void>((resolve) => (release = resolve))
    let asked = false
    await page.route(/\/assets\/DocumentWorkArea-[^/]*\.js$/, async (route: Route) => {
      asked = true
      await released
      await route.continue()
    })

    await page.goto(`${base}/alliances/${workspaceId}/accord`)
    const preview = page.getByTestId('document-preview')
    await preview.locator('strong', { hasText: 'pour le littoral' }).waitFor(WAIT)
    await expect(preview.locator('h1').textContent()).resolves.toBe('Article 1 — Objet')
    await expect(preview.getAttribute('aria-busy')).resolves.toBe('true')
    await expect(preview.getAttribute('aria-label')).resolves.toContain('Accord')
    expect(await page.locator('[contenteditable="true"]').count()).toBe(0)
    // The chunk is asked for only once the text is on screen, and is still held.
    await expect.poll(() => asked, WAIT).toBe(true)

    // Another partner's edit reaches the first screen too.
    contentOf(seeder.doc).insert(3, [para(['Ajouté pendant le chargement.'])])
    await preview.locator('p', { hasText: 'Ajouté pendant le chargement.' }).waitFor(WAIT)
    const before = await preview.locator('p', { hasText: 'Les partenaires coopèrent' }).boundingBox()

    release()
    const editor = page.locator('.ProseMirror[contenteditable="true"]')
    await editor.waitFor(WAIT)
    await preview.waitFor({ state: 'detached', ...WAIT })
    const after = await editor.locator('p', { hasText: 'Les partenaires coopèrent' }).boundingBox()
    // The text is where it was: the toolbar's and the comment button's places were kept.
    expect(Math.abs(after!.y - before!.y)).toBeLessThan(2)
    expect(Math.abs(after!.x - before!.x)).toBeLessThan(2)
    expect(after!.width).toBeCloseTo(before!.width, 0)

    // And it is the live editor: a keystroke reaches the others.
    await editor.locator('p', { hasText: 'Ajouté pendant le chargement.' }).click()
    await page.keyboard.press('End')
    await page.keyboard.type(' Puis modifié.')
    await expect.poll(() => contentOf(seeder.doc).toString(), WAIT).toContain('Ajouté pendant le chargement. Puis modifié.')
    seeder.destroy()
  })

  it('[BENCH4] when the editor’s code cannot be fetched, the text stays readable, a notice says so, and “Réessayer” loads it', async () => {
    const base = suite.server.url
    const { workspaceId, admin } = await createAlliance(base)
    const seeder = await connectDoc(admin.client, workspaceId, 'agreement')
    await seeder.synced()
    contentOf(seeder.doc).insert(0, [para(['Préambule de la convention'])])

    const page = await suite.newPage()
    await signInThroughUi(page, base, admin.email)
    let refuse = true
    await page.route(/\/assets\/DocumentWorkArea-[^/]*\.js$/, (route: Route) => (refuse ? route.abort('connectionfailed') : route.continue()))
    await page.goto(`${base}/alliances/${workspaceId}/accord`)
    const notice = page.getByRole('alert').filter({ hasText: 'L’éditeur n’a pas pu être chargé' })
    await notice.waitFor(WAIT)
    await expect(page.getByTestId('document-preview').locator('p').first().textContent()).resolves.toBe('Préambule de la convention')

    refuse = false
    await notice.getByRole('button', { name: 'Réessayer' }).click()
    await page.locator('.ProseMirror[contenteditable="true"]', { hasText: 'Préambule de la convention' }).waitFor(WAIT)
    await expect(notice.count()).resolves.toBe(0)
    seeder.destroy()
  })
})
