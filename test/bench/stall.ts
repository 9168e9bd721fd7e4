import { spawn } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { runLoad, type LoadResult, type LoadSpec } from './loadGenerator.ts'
import type { Target } from './targets/target.ts'

const here = path.dirname(new URL(import.meta.url).pathname)

export interface StallResult {
  load: LoadResult
  /** Time for each of the joiners to receive the large plan. */
  joinMs: number[]
}

/** Starts joiner.ts (same core as the load generator: a child inherits its pinning) and waits until it is ready. */
async function startJoiners(target: Target, docName: string, joiners: number): Promise<{ go(): Promise<number[]> }> {
  const urls = await Promise.all(Array.from({ length: joiners }, () => target.rawUrl(docName)))
  return startJoinerProcess(target.wire, docName, urls)
}

/** joiner.ts with these websocket URLs (one joiner each); `go()` joins with all at once and resolves with each one's ms to its state. */
export async function startJoinerProcess(wire: Target['wire'], docName: string, urls: string[]): Promise<{ go(): Promise<number[]> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'joiner.ts')], { cwd: path.join(here, '..'), stdio: ['pipe', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]()
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`joiner process exited (${code})`))))
  const next = () => Promise.race([lines.next().then((line) => line.value as string), exited])
  child.stdin!.write(`${JSON.stringify({ wire, docName, urls })}\n`)
  if ((await next()) !== 'ready') throw new Error('joiner process not ready')
  return {
    go: async () => {
      child.stdin!.write('go\n')
      return JSON.parse(await next()) as number[]
    },
  }
}

/**
 * "Joining never stalls": while `joiners` clients join the large plan at once, the edits of another
 * document keep being measured (latency over the whole window of the joins). The joiners run in a
 * process of their own (joiner.ts), so receiving the document does not delay this process's clients.
 */
export async function joinWhileEditing(target: Target, spec: LoadSpec, tag: string, joiners: number): Promise<StallResult> {
  const joining = await startJoiners(target, 'plan', joiners)
  let joinMs: number[] = []
  const load = await runLoad(target, spec, tag, async () => {
    joinMs = await joining.go()
  })
  return { load, joinMs }
}
