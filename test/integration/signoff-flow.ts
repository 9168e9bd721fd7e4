import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import type { SignoffRoundView } from '@ensemble/shared'
import { createAlliance, type TestMember } from '../helpers/alliance.ts'
import type { AuditVerification } from '@ensemble/server/domain'
import { signUp } from '../helpers/http.ts'
import { docApi } from './history-flow.ts'
import { addMember } from '../helpers/invitations.ts'

/**
 * An alliance of two partners, each with a representative (Lina for the association, Hugo for the
 * city), a steering member and an editor who represents nobody.
 */
export async function twoPartnerAlliance(baseUrl: string) {
  const { workspaceId, partnerId, admin, members } = await createAlliance(baseUrl, ['steering', 'editor'])
  const [steering, editor] = members as [TestMember, TestMember]
  const { id: cityId } = await admin.client.json<{ id: string }>(
    'POST',
    `/api/workspaces/${workspaceId}/partners`,
    { name: 'Ville de Lille', type: 'collectivite_territoriale' },
    201,
  )
  const lina = await signUp(baseUrl, 'Lina Association')
  const hugo = await signUp(baseUrl, 'Hugo Ville')
  await addMember(admin.client, workspaceId, lina, { role: 'editor', partnerId, representative: true })
  await addMember(admin.client, workspaceId, hugo, { role: 'commenter', partnerId: cityId, representative: true })
  return { workspaceId, admin, steering, editor, lina, hugo, associationId: partnerId, cityId }
}

export async function vote(
  member: TestMember,
  workspaceId: string,
  docName: string,
  roundId: string,
  body: Record<string, unknown>,
): Promise<SignoffRoundView> {
  return member.client.json<SignoffRoundView>('POST', docApi(workspaceId, docName).votes(roundId), body, 200)
}

export async function propose(member: TestMember, workspaceId: string, docName: string, body: Record<string, unknown>) {
  return member.client.json<{ round: SignoffRoundView; diff: { blocks: { status: string; type: string; parts: { text: string; op: string }[] }[] } | null }>(
    'POST',
    docApi(workspaceId, docName).proposals,
    body,
    201,
  )
}

const run = promisify(execFile)
const ROOT_DIR = path.resolve(import.meta.dirname, '../..')

export interface AuditVerifyRun {
  code: number
  result: AuditVerification
}

/** The environment `audit:verify` reads: DATA_DIR (SQLite file and audit key) and DATABASE_URL. */
export type AuditVerifyEnv = { DATA_DIR: string; DATABASE_URL?: string; AUDIT_KEY?: string }

/** Runs `pnpm --filter @ensemble/server audit:verify [--head …] [--json]`: exit code and what it printed. */
export async function runAuditVerify(env: AuditVerifyEnv, args: string[]): Promise<{ code: number; stdout: string }> {
  const options = { cwd: ROOT_DIR, env: { ...process.env, DATABASE_URL: '', AUDIT_KEY: '', ...env } }
  try {
    const { stdout } = await run('npx', ['pnpm', '--silent', '--filter', '@ensemble/server', 'audit:verify', ...args], options)
    return { code: 0, stdout }
  } catch (err) {
    const e = err as { code: number; stdout: string }
    return { code: e.code, stdout: e.stdout }
  }
}

/** `audit:verify --json [--head …]`: exit code and the JSON answer. */
export async function auditVerify(env: AuditVerifyEnv, heads: string[] = []): Promise<AuditVerifyRun> {
  const { code, stdout } = await runAuditVerify(env, ['--json', ...heads.flatMap((h) => ['--head', h])])
  return { code, result: JSON.parse(stdout.trim().split('\n').at(-1)!) as AuditVerification }
}
