import { z } from 'zod'

/** Ids are opaque URL-safe strings (nanoid-like or better-auth ids). */
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'invalid id')
export type Id = z.infer<typeof idSchema>

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** A random id using the platform's crypto (available in browsers and Node 20). */
export function newId(length = 16): string {
  const bytes = new Uint8Array(length)
  // Web Crypto exists in browsers and Node 20; typed here because shared/ compiles without DOM or Node types.
  ;(globalThis as unknown as { crypto: { getRandomValues(a: Uint8Array): Uint8Array } }).crypto.getRandomValues(bytes)
  let id = ''
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length]
  return id
}
