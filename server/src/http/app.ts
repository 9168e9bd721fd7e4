import { existsSync } from 'node:fs'
import path from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import { AppError, notFound, RateLimitedError } from '../errors.ts'
import { apiRoutes } from './api.ts'
import { canonicalPath } from './canonicalPath.ts'
import type { AppDeps, AppEnv } from './context.ts'
import { clientIp, originGuard } from './middleware.ts'
import { noStore } from './noStore.ts'
import { openApiDocument } from './openapi.ts'

/** Bodies above this are refused before parsing (REST only; websocket frames have their own limit). */
const MAX_BODY_BYTES = 256 * 1024

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>()

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    }),
  )
  // Before any route, limiter or schema sees the path: one spelling per resource (ACCT8).
  app.use(canonicalPath)
  // Nothing the API answers is kept by a browser or a shared cache (ACCT14).
  app.use('/api/*', noStore)
  app.use('/api/*', clientIp(deps), originGuard(deps))
  // Counts the bytes actually read, so a chunked body without Content-Length is bounded too.
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      // The rest of the body stays unread, so the connection cannot be reused: say so.
      onError: (c) => c.json({ error: { code: 'payload_too_large', message: 'Request body too large.' } }, 413, { Connection: 'close' }),
    }),
  )

  // Every API route, with its schemas beside its handler (api.ts); the document is generated from them.
  app.route('/api', apiRoutes(deps, openApiDocument(app)))

  // The built client, with the SPA's index.html for every other path; compressed at build time
  // (client/build/precompress.ts). Assets carry a content hash in their names: cached for good.
  if (existsSync(path.join(deps.clientDir, 'index.html'))) {
    const root = path.relative(process.cwd(), deps.clientDir) || '.'
    const onFound = (file: string, c: Context) => {
      c.header('Cache-Control', path.basename(path.dirname(file)) === 'assets' ? 'public, max-age=31536000, immutable' : 'no-cache')
    }
    app.use('/*', serveStatic({ root, precompressed: true, onFound }))
    // A missing script is a 404, not the page (which a browser would then keep as that script).
    app.all('/assets/*', () => {
      throw notFound('Asset')
    })
    app.get('*', serveStatic({ root, path: 'index.html', precompressed: true, onFound }))
  }

  app.onError((err, c) => {
    if (err instanceof RateLimitedError) c.header('Retry-After', String(err.retryAfterSeconds))
    if (err instanceof AppError) {
      return c.json(
        { error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}), ...(err.reason ? { reason: err.reason } : {}) } },
        err.status,
      )
    }
    deps.logger.error({ err, path: c.req.path }, 'unhandled error')
    return c.json({ error: { code: 'internal_error', message: 'Internal error.' } }, 500)
  })
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'Not found.' } }, 404))
  return app
}
