import axe from 'axe-core'
import type { Page } from 'playwright-core'

/**
 * The WCAG 2 A and AA problems axe-core finds on the page as it is now, one line each
 * (`rule: selector, selector`); an empty list when there are none. axe runs inside the page, injected
 * through the driver (the page's Content-Security-Policy allows no inline script).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source)
  const violations = await page.evaluate(async () => {
    const run = (window as unknown as { axe: typeof axe }).axe.run
    const result = await run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  })
  return violations
}
