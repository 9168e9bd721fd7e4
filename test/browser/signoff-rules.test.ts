import { ADOPTION_RULES_KEY, documentMetaOf } from '@ensemble/shared'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'
import { connectDoc } from '../helpers/collab.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { block, waitForRows, writeBlocks } from '../integration/history-flow.ts'
import { propose, twoPartnerAlliance } from '../integration/signoff-flow.ts'

const WAIT = { timeout: 20_000 }

describe.skipIf(!browserTestsEnabled())('[SIGN9] [SIGN10] the charter’s adoption rules and the read-only status in a real browser', () => {
  const suite = browserSuite()

  it('[SIGN9] [SIGN10] steering sets the agreement’s rule on the charter page with a labelled choice; an editor reads it; the status is a badge, not a choice', async () => {
    const base = suite.server.url
    const { workspaceId, admin, steering, editor } = await twoPartnerAlliance(base)
    const open = async (email: string, english = false): Promise<Page> => {
      const page = await suite.newPage()
      await signInThroughUi(page, base, email)
      // The member switches the interface to English, as a person would.
      if (english) await page.getByLabel('Langue').selectOption('en')
      await page.goto(`${base}/alliances/${workspaceId}/charte`)
      return page
    }
    const page = await open(steering.email)
    const rules = page.getByRole('region', { name: 'Règles d’adoption fixées par la charte' })
    await rules.waitFor(WAIT)
    // The status shows as a badge; no control changes it outside sign-off.
    await page.getByTestId('document-status').waitFor(WAIT)
    expect(await page.getByTestId('document-status').textContent()).toContain('Brouillon')
    expect(await page.getByTestId('document-status-select').count()).toBe(0)

    const agreementRule = rules.getByLabel('Règle d’adoption : Accord de consortium')
    expect(await agreementRule.inputValue()).toBe('unanimity')
    await agreementRule.selectOption({ label: 'Majorité des deux tiers' })

    // The choice is stored in the charter's meta: a proposal of the agreement takes it.
    const charter = await connectDoc(admin.client, workspaceId, 'charter')
    try {
      await waitFor(() => (documentMetaOf(charter.doc).get(ADOPTION_RULES_KEY) as { agreement?: string } | undefined)?.agreement === 'two_thirds', {
        message: 'rule stored',
      })
    } finally {
      charter.destroy()
    }
    await waitForRows(admin.client, workspaceId, 'charter', 1)
    await writeBlocks(admin.client, workspaceId, 'agreement', [block('heading', 'Article 1'), block('paragraph', 'Objet.')])
    expect((await propose(steering, workspaceId, 'agreement', { name: 'Accord v1' })).round.rule).toBe('two_thirds')

    // An editor reads the rules in English, as text: no choice to make.
    const editorPage = await open(editor.email, true)
    const readOnly = editorPage.getByRole('region', { name: 'Adoption rules set by the charter' })
    await readOnly.waitFor(WAIT)
    await readOnly.getByTestId('adoption-rule-agreement').filter({ hasText: 'Two-thirds majority' }).waitFor(WAIT)
    expect(await readOnly.getByRole('combobox').count()).toBe(0)
  })
})
