import { ApiError, apiErrorFrom } from './ApiError.ts'

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/**
 * The one fetch wrapper: same origin, session cookie, JSON both ways, typed errors.
 * Every REST call of the client goes through here.
 */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      method,
      credentials: 'include',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch (error) {
    throw new ApiError(0, 'network_error', error instanceof Error ? error.message : String(error))
  }
  if (!response.ok) throw await apiErrorFrom(response)
  if (response.status === 204) return undefined as T
  const text = await response.text()
  return (text ? JSON.parse(text) : undefined) as T
}

export const get = <T>(path: string): Promise<T> => request<T>('GET', path)

/** One page of a list and the address of the next (older) one, from `Link: <…>; rel="next"` (null at the end). */
export interface Paged<T> {
  items: T[]
  next: string | null
}

/** GET of a paged list (history, versions, an action's changes): the server says where the next page is. */
export async function getPage<T>(path: string): Promise<Paged<T>> {
  let response: Response
  try {
    response = await fetch(path, { method: 'GET', credentials: 'include', headers: { accept: 'application/json' } })
  } catch (error) {
    throw new ApiError(0, 'network_error', error instanceof Error ? error.message : String(error))
  }
  if (!response.ok) throw await apiErrorFrom(response)
  const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1] ?? null
  return { items: (await response.json()) as T[], next }
}
export const post = <T>(path: string, body?: unknown): Promise<T> => request<T>('POST', path, body ?? {})
export const patch = <T>(path: string, body: unknown): Promise<T> => request<T>('PATCH', path, body)
export const put = <T>(path: string, body: unknown): Promise<T> => request<T>('PUT', path, body)
export const del = <T = void>(path: string): Promise<T> => request<T>('DELETE', path)
