import type { Hono } from 'hono'
import { generateSpecs } from 'hono-openapi'

/**
 * `/api/openapi.json`, generated from the routes Hono serves: each route's `describe()` (what it
 * does and answers) and its validators (the shared schemas of its path, query and body). A route
 * nobody mounted is not in it; a mounted route without a description is missing from it, which
 * the route-table test catches. Built once, at the first request, when every route is mounted.
 */
export function openApiDocument(app: Hono<any, any, any>): () => Promise<object> {
  let document: Promise<object> | null = null
  return () =>
    (document ??= generateSpecs(app, {
      documentation: {
        info: {
          title: 'Ensemble API',
          version: '0.1.0',
          description: 'REST surface of Ensemble. Live documents use the websocket at /ws/{workspaceId}/{docName} (see docs/PROTOCOL.md).',
        },
      },
      // `/api/openapi.json` itself has a dot in its last segment, like the exports: keep them all.
      excludeStaticFile: false,
      // Errors are declared by each route's description, in the API's own shape.
      defaultValidationErrorResponse: false,
    }))
}
