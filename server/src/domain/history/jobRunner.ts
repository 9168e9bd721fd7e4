import { DocumentTooLargeError } from '../../collab/preparedDoc.ts'
import { AppError, RateLimitedError } from '../../errors.ts'
import type { DocStore } from '../../storage/docStore.ts'
import { PoolBusyError, ThreadJobError, type ThreadPool } from '../../workers/threadPool.ts'
import { HISTORY_JOBS, type HistoryJobName, type JobContext, type JobInput, type JobResult } from './jobs.ts'
import { SessionCache } from './sessionCache.ts'

/** A member of a workspace, whose jobs are counted. */
export interface JobMember {
  workspaceId: string
  userId: string
}

/** Who asked for a job: a member, or the server itself (null: neither counted nor refused). */
export type JobOwner = JobMember | null

/** History jobs one member may have waiting or running at once (HISTORY_JOBS_PER_MEMBER); past it, 429. */
export const DEFAULT_JOBS_PER_MEMBER = 2

export const tooManyHistoryJobs = (why: 'member' | 'server') =>
  new RateLimitedError(
    1,
    why === 'member'
      ? 'Too many history requests of yours are in progress: retry once one is answered.'
      : 'The server is busy with other history requests: retry in a moment.',
    why === 'member' ? 'history_jobs_per_member' : 'history_queue_full',
  )

export const documentTooLarge = (limit: number) =>
  new AppError(413, 'document_too_large', `This document is larger than the server reads (${Math.round(limit / (1024 * 1024))} MB).`)

/**
 * Runs history's jobs (jobs.ts) for the routes: on the document threads when the store can be opened
 * there (SQLite file, PostgreSQL), else (a store in memory) in this thread. Bounds what a request can
 * ask for (LOOP4): at most `perMember` jobs of one member waiting or running, at most the pool's
 * queue for everyone; past either, 429 with Retry-After. A document too large to replay answers 413.
 */
export class HistoryJobRunner {
  private readonly running = new Map<string, number>()
  /** For a store in memory: the jobs run here, on this context. */
  private inline: JobContext | null = null

  constructor(
    private readonly store: DocStore,
    private readonly pool: ThreadPool | null,
    private readonly perMember = DEFAULT_JOBS_PER_MEMBER,
  ) {}

  /** Whether jobs run on threads (false: in this thread, for a store in memory). */
  get threaded(): boolean {
    return this.pool !== null && !!this.store.location?.()
  }

  async run<K extends HistoryJobName>(owner: JobOwner, op: K, input: JobInput<K>): Promise<JobResult<K>> {
    const id = owner ? `${owner.workspaceId}\n${owner.userId}` : null
    if (id !== null && (this.running.get(id) ?? 0) >= this.perMember) throw tooManyHistoryJobs('member')
    if (id !== null) this.running.set(id, (this.running.get(id) ?? 0) + 1)
    try {
      return await this.dispatch(op, input, owner === null)
    } catch (err) {
      if (err instanceof PoolBusyError) throw tooManyHistoryJobs('server')
      if (err instanceof DocumentTooLargeError) throw documentTooLarge(err.limit)
      if (err instanceof ThreadJobError && err.code === 'document_too_large') throw documentTooLarge(Number(err.data?.limit))
      throw err
    } finally {
      if (id !== null) {
        const left = (this.running.get(id) ?? 1) - 1
        if (left > 0) this.running.set(id, left)
        else this.running.delete(id)
      }
    }
  }

  private async dispatch<K extends HistoryJobName>(op: K, input: JobInput<K>, serversOwn: boolean): Promise<JobResult<K>> {
    const location = this.store.location?.() ?? null
    if (this.pool && location) {
      // A document's sessions always go to the same thread: it keeps that document's replay (HIST6).
      const key = (input as { key?: { workspaceId: string; docName: string } }).key
      const affinity = op === 'sessions' && key ? `${key.workspaceId}\n${key.docName}` : undefined
      // The server's own jobs (an adoption already recorded) are never refused half-way.
      return this.pool.run<JobResult<K>>(op, { ...input, location }, { affinity, queueAnyway: serversOwn })
    }
    this.inline ??= { store: this.store, sessions: new SessionCache(this.store) }
    const job = HISTORY_JOBS[op] as (ctx: JobContext, input: JobInput<K>) => Promise<JobResult<K>>
    return job(this.inline, input)
  }
}
