import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '@ensemble/server/db'
import { browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'
import { block, writeBlocks } from '../integration/history-flow.ts'
import { propose, twoPartnerAlliance, vote } from '../integration/signoff-flow.ts'

const WAIT = { timeout: 20_000 }

describe.skipIf(!browserTestsEnabled())('[AUDIT5] the sign-off panel against a forged answer, in a real browser', () => {
  const suite = browserSuite()

  it('[AUDIT5] a vote row turned into an objection in the database: the panel shows the sealed approval, a visible warning naming the row, and no export links', async () => {
    const base = suite.server.url
    const { workspaceId, steering, lina, hugo, cityId } = await twoPartnerAlliance(base)
    await writeBlocks(steering.client, workspaceId, 'agreement', [block('heading', 'Article 1 — Objet'), block('paragraph', 'Coopérer pour le littoral.')])
    const { round } = await propose(steering, workspaceId, 'agreement', { name: 'Accord v1' })
    await vote(lina, workspaceId, 'agreement', round.id, { vote: 'approve' })
    expect((await vote(hugo, workspaceId, 'agreement', round.id, { vote: 'approve' })).status).toBe('adopted')

    // Someone with write access to the database forges the city's answer into an objection.
    const database = openDatabase({ dataDir: suite.server.dataDir, databaseUrl: null })
    try {
      await sql`UPDATE signoff_vote SET vote = 'object', comment = 'Nous refusons ce texte.' WHERE round_id = ${round.id} AND partner_id = ${cityId}`.execute(
        database.db,
      )
    } finally {
      await database.close()
    }

    const page = await suite.newPage()
    await signInThroughUi(page, base, lina.email)
    await page.goto(`${base}/alliances/${workspaceId}/accord`)
    const warning = page
      .getByRole('alert')
      .filter({ hasText: 'Attention : les données enregistrées de ce tour ne correspondent pas au journal d’audit scellé.' })
    await warning.waitFor(WAIT)
    await expect(warning.textContent()).resolves.toContain('la réponse enregistrée pour Ville de Lille a vote = « object », l’entrée n° 3 dit « approve »')
    // The answer shown is the sealed one; the forged objection and its comment appear only inside the warning.
    await page.locator('.signoff-round li', { hasText: 'Ville de Lille (Hugo Ville) : Approuve' }).waitFor(WAIT)
    expect(await page.locator('.signoff-round > ul li', { hasText: 'Objecte' }).count()).toBe(0)
    await page.getByText('Exports indisponibles : le texte adopté ou ses signatures ne correspondent plus au journal d’audit scellé.').waitFor(WAIT)
    expect(await page.getByRole('link', { name: 'Télécharger en PDF' }).count()).toBe(0)
  })
})
