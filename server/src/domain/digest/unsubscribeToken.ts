import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The token of a digest's unsubscribe link: who (member of which alliance), signed with the server
 * secret (HMAC-SHA256), so the link works without a session and cannot be forged for someone else.
 */
const PURPOSE = 'digest-unsubscribe.v1'

const sign = (secret: string, payload: string): Buffer => createHmac('sha256', secret).update(`${PURPOSE}\n${payload}`).digest()

export function unsubscribeToken(secret: string, workspaceId: string, userId: string): string {
  const payload = Buffer.from(JSON.stringify([workspaceId, userId])).toString('base64url')
  return `${payload}.${sign(secret, payload).toString('base64url')}`
}

/** The member a token names, or null when it is malformed or not signed with this secret. */
export function readUnsubscribeToken(secret: string, token: string): { workspaceId: string; userId: string } | null {
  const [payload, signature, extra] = token.split('.')
  if (!payload || !signature || extra !== undefined) return null
  const expected = sign(secret, payload)
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string')
      return { workspaceId: value[0], userId: value[1] }
  } catch {
    // signed but unreadable: treated as invalid
  }
  return null
}
