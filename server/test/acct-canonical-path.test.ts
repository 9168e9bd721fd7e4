import { describe, expect, it } from 'vitest'
import { checkRequestTarget } from '../src/http/canonicalPath.ts'

/** The canonical-path rule on raw request targets (ACCT8), table-driven. */
describe('checkRequestTarget', () => {
  const cases: [target: string, verdict: ReturnType<typeof checkRequestTarget>][] = [
    ['/', { canonical: true }],
    ['/api/auth/sign-in/email', { canonical: true }],
    ['/api/workspaces/abc?x=%2F..%2F&y=//', { canonical: true }],
    ['/alliances/Mon%20alliance', { canonical: true }],
    ['/api/auth//sign-in/email', { canonical: false, redirect: '/api/auth/sign-in/email' }],
    ['/api/auth/sign-up/email/', { canonical: false, redirect: '/api/auth/sign-up/email' }],
    ['//alliances', { canonical: false, redirect: '/alliances' }],
    ['/a/./b/../c?q=1', { canonical: false, redirect: '/a/c' }],
    ['/../../etc/passwd', { canonical: false, redirect: '/etc/passwd' }],
    ['http://host:1/api//me', { canonical: false, redirect: '/api/me' }],
    ['http://host:1', { canonical: true }],
    ['/api/auth/sign-in%2Femail', { canonical: false, redirect: null }],
    ['/api/auth/sign-in%2femail', { canonical: false, redirect: null }],
    ['/api/auth%5Csign-in/email', { canonical: false, redirect: null }],
    ['/api/auth/%2E%2E/me', { canonical: false, redirect: null }],
    ['/api/auth/%73ign-in/email', { canonical: false, redirect: null }],
    ['/api/auth/sign-in/email%00', { canonical: false, redirect: null }],
    ['/api/workspaces/%E0%A4%A', { canonical: false, redirect: null }],
    ['/api/auth\\sign-in/email', { canonical: false, redirect: null }],
    ['*', { canonical: false, redirect: null }],
  ]
  it.each(cases)('[ACCT8] %s', (target, verdict) => {
    expect(checkRequestTarget(target)).toEqual(verdict)
  })
})
