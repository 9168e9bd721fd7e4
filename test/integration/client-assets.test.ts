import { readFileSync } from 'node:fs'
import { get } from 'node:http'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureClientBuilt } from '../helpers/browser.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'

const dist = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../client/dist')

/** A raw GET (no automatic decompression): status, headers and the bytes as sent. */
function rawGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
      res.on('error', reject)
    }).on('error', reject)
  })
}

describe('[WEB5] the client is served compressed and cached by its content hash', () => {
  let server: TestServer
  let script: string
  beforeAll(async () => {
    ensureClientBuilt()
    server = await startTestServer()
    script = /src="(\/assets\/index-[^"]+\.js)"/.exec(readFileSync(path.join(dist, 'index.html'), 'utf8'))![1]!
  })
  afterAll(() => server.close())

  it('[WEB5] sends the Brotli or gzip copy made at build time, the same bytes once decoded, cached for good', async () => {
    const original = readFileSync(path.join(dist, script))
    const br = await rawGet(new URL(script, server.url).href, { 'accept-encoding': 'gzip, deflate, br' })
    expect(br.status).toBe(200)
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toMatch(/accept-encoding/i)
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(br.headers['content-type']).toMatch(/javascript/)
    expect(br.body.length).toBeLessThan(original.length / 3)
    expect(brotliDecompressSync(br.body).equals(original)).toBe(true)

    const gz = await rawGet(new URL(script, server.url).href, { 'accept-encoding': 'gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.body).equals(original)).toBe(true)

    const plain = await rawGet(new URL(script, server.url).href)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.equals(original)).toBe(true)
  })

  it('[WEB5] the page itself is revalidated on every visit (new builds reach the browser), with its security headers', async () => {
    for (const page of ['/', '/alliances/x/accord']) {
      const res = await rawGet(new URL(page, server.url).href, { 'accept-encoding': 'br' })
      expect(res.status, page).toBe(200)
      expect(res.headers['cache-control'], page).toBe('no-cache')
      expect(res.headers['content-security-policy'], page).toMatch(/script-src 'self'/)
      const html = res.headers['content-encoding'] === 'br' ? brotliDecompressSync(res.body) : res.body
      expect(html.toString('utf8')).toContain(script)
    }
  })

  it('[WEB5] a missing asset is a 404 error, never the page in its place', async () => {
    const res = await rawGet(new URL('/assets/index-absent.js', server.url).href)
    expect(res.status).toBe(404)
    expect(res.headers['cache-control']).toBeUndefined()
    expect(JSON.parse(res.body.toString('utf8'))).toEqual({ error: { code: 'not_found', message: 'Asset not found.' } })
  })
})
