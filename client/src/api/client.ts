import type { Api } from '@ensemble/server/api'
import { hc, type ClientResponse, type InferRequestType } from 'hono/client'
import { ApiError, apiErrorFrom } from './ApiError.ts'

/**
 * The one client of the REST API: Hono's `hc`, typed from the server's routes (server/src/http/api.ts),
 * so a path, a parameter, a query or a body the server does not take fails the typecheck, and each
 * answer has the type the route gives it. Same origin, session cookie, JSON both ways.
 *
 *   const thread = await call(rest.workspaces[':workspaceId'].comments.threads[':threadId'].$get({ param: params({ workspaceId, threadId }) }))
 */
export const rest = hc<Api>(`${window.location.origin}/api`, { headers: { accept: 'application/json' }, init: { credentials: 'include' } })

/** Path parameters, encoded: `hc` puts them in the path as they are, and a document name holds a `:`. */
export const params = <P extends Record<string, string>>(values: P): P =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [name, encodeURIComponent(value)])) as P

/** The JSON body a call of the typed client takes (e.g. `BodyOf<typeof meeting.votes.$post>`): the route's shared schema, as input. */
export type BodyOf<Call> = InferRequestType<Call> extends { json: infer Body } ? Body : never

/** The query a call of the typed client takes. */
export type QueryOf<Call> = InferRequestType<Call> extends { query: infer Query } ? Query : never

/** What a call answers on success: its JSON, or nothing (204 and answers that are not JSON). */
type Answer<R> = R extends ClientResponse<infer T, number, infer F> ? (F extends 'json' ? T : undefined) : never

/** The response, or the ApiError of a network failure or of an answer that is not a success. */
async function send<R extends ClientResponse<unknown, number, string>>(request: Promise<R>): Promise<R> {
  let response: R
  try {
    response = await request
  } catch (error) {
    throw new ApiError(0, 'network_error', error instanceof Error ? error.message : String(error))
  }
  if (!response.ok) throw await apiErrorFrom(response as unknown as Response)
  return response
}

/** Sends a call of `api` and reads its answer, or throws an ApiError (code, message, field: forms show it beside the field; 401 sends to sign-in). */
export async function call<R extends ClientResponse<unknown, number, string>>(request: Promise<R>): Promise<Answer<R>> {
  const response = await send(request)
  if (response.status === 204) return undefined as Answer<R>
  const text = await response.text()
  return (text ? JSON.parse(text) : undefined) as Answer<R>
}

/** One page of a list and the address of the next (older) one, from `Link: <…>; rel="next"` (null at the end). */
export interface Paged<T> {
  items: T[]
  next: string | null
}

/** Sends a call of a paged list (history, versions, an action's changes): its items, and where the server says the next page is. */
export async function callPage<R extends ClientResponse<unknown[], number, 'json'>>(
  request: Promise<R>,
): Promise<Paged<Answer<R> extends (infer T)[] ? T : never>> {
  const response = await send(request)
  const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1] ?? null
  return { items: (await response.json()) as never, next }
}

/** The query of a next page's address, to ask for it with the same call. */
export const pageQuery = (next: string | undefined): Record<string, string> =>
  next ? Object.fromEntries(new URL(next, window.location.origin).searchParams) : {}
