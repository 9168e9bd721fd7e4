import {
  addMemberSchema,
  createPartnerSchema,
  createWorkspaceSchema,
  memberSchema,
  partnerSchema,
  signInSchema,
  signUpSchema,
  updateMemberSchema,
  updatePartnerSchema,
  workspaceSummarySchema,
} from '@ensemble/shared'
import { z } from 'zod'
import { updateMeSchema } from './routes/me.ts'

interface RouteDoc {
  method: 'get' | 'post' | 'patch' | 'delete'
  path: string
  summary: string
  body?: z.ZodType
  response?: z.ZodType
  status?: number
}

const idResponse = z.object({ id: z.string() })
const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }) })

/** The public REST surface, described from the same zod schemas the routes validate with. */
const ROUTES: RouteDoc[] = [
  { method: 'post', path: '/api/auth/sign-up/email', summary: 'Create an account (sets the session cookie)', body: signUpSchema },
  { method: 'post', path: '/api/auth/sign-in/email', summary: 'Sign in (sets the session cookie); rate-limited', body: signInSchema },
  { method: 'post', path: '/api/auth/sign-out', summary: 'Sign out (invalidates the session)' },
  { method: 'get', path: '/api/me', summary: 'The signed-in user', response: z.object({ id: z.string(), name: z.string(), email: z.string(), locale: z.string() }) },
  { method: 'patch', path: '/api/me', summary: 'Change the interface language', body: updateMeSchema },
  { method: 'get', path: '/api/workspaces', summary: 'Alliances the user belongs to', response: z.array(workspaceSummarySchema) },
  { method: 'post', path: '/api/workspaces', summary: 'Create an alliance; the creator becomes admin', body: createWorkspaceSchema, response: idResponse, status: 201 },
  { method: 'get', path: '/api/workspaces/{workspaceId}', summary: 'An alliance with its partners and members' },
  { method: 'patch', path: '/api/workspaces/{workspaceId}', summary: 'Rename an alliance (admin)', body: createWorkspaceSchema },
  { method: 'get', path: '/api/workspaces/{workspaceId}/partners', summary: 'Partners of an alliance', response: z.array(partnerSchema) },
  { method: 'post', path: '/api/workspaces/{workspaceId}/partners', summary: 'Add a partner (admin)', body: createPartnerSchema, response: idResponse, status: 201 },
  { method: 'patch', path: '/api/workspaces/{workspaceId}/partners/{partnerId}', summary: 'Rename or retype a partner (admin)', body: updatePartnerSchema, status: 204 },
  { method: 'delete', path: '/api/workspaces/{workspaceId}/partners/{partnerId}', summary: 'Remove a partner (admin)', status: 204 },
  { method: 'get', path: '/api/workspaces/{workspaceId}/members', summary: 'Members of an alliance', response: z.array(memberSchema) },
  { method: 'post', path: '/api/workspaces/{workspaceId}/members', summary: 'Add a registered user, or invite an email (admin)', body: addMemberSchema, status: 201 },
  { method: 'patch', path: '/api/workspaces/{workspaceId}/members/{userId}', summary: 'Change role, partner or representative (admin)', body: updateMemberSchema },
  { method: 'delete', path: '/api/workspaces/{workspaceId}/members/{userId}', summary: 'Remove a member (admin)', status: 204 },
  { method: 'get', path: '/api/workspaces/{workspaceId}/invitations', summary: 'Pending invitations (admin)' },
  { method: 'delete', path: '/api/workspaces/{workspaceId}/invitations/{invitationId}', summary: 'Cancel an invitation (admin)', status: 204 },
  { method: 'post', path: '/api/workspaces/{workspaceId}/tickets', summary: 'A single-use websocket ticket (≤ 60 s)', response: z.object({ ticket: z.string(), expiresInMs: z.number() }) },
  { method: 'get', path: '/api/health', summary: 'Liveness and storage check' },
]

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })

export function buildOpenApi(): object {
  const paths: Record<string, Record<string, object>> = {}
  for (const r of ROUTES) {
    const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }))
    const success = String(r.status ?? 200)
    paths[r.path] ??= {}
    paths[r.path]![r.method] = {
      summary: r.summary,
      ...(params.length ? { parameters: params } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body) } } } } : {}),
      responses: {
        [success]: r.response ? { description: 'OK', content: { 'application/json': { schema: jsonSchema(r.response) } } } : { description: 'OK' },
        default: { description: 'Error', content: { 'application/json': { schema: jsonSchema(errorSchema) } } },
      },
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Ensemble API', version: '0.1.0', description: 'REST surface of Ensemble. Live documents use the websocket at /ws/{workspaceId}/{docName} (see docs/PROTOCOL.md).' },
    paths,
  }
}
