import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { waitFor } from '../helpers/waitFor.ts'

/** Where the servers run and where the load generator runs (the machine has two cores). */
export const SERVER_CORE = '1'
export const LOADGEN_CORE = '0'
const TASKSET = '/usr/bin/taskset'
const TICKS_PER_SECOND = 100 // getconf CLK_TCK on Linux

/** CPU time (user + system) a process has used so far, in µs (resolution: one clock tick, 10 ms). */
export function cpuMicros(pid: number): number {
  const { user, system } = cpuTimes(pid)
  return user + system
}

/**
 * User and system CPU time so far, in µs. System time holds the kernel's share of writes and fsyncs,
 * which varies with the machine's disk load; user time is the process's own work.
 */
export function cpuTimes(pid: number, thread?: number): { user: number; system: number } {
  // One thread's times are in /proc/<pid>/task/<tid>/stat; the main thread's tid is the pid.
  const stat = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8')
  // The command name (field 2) may hold spaces: count fields from after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return { user: (Number(fields[11]) * 1_000_000) / TICKS_PER_SECOND, system: (Number(fields[12]) * 1_000_000) / TICKS_PER_SECOND }
}

/** Resident memory of a process, in KB. */
export function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) : NaN
}

/** Pins every thread of a running process (the bench itself, a server started by a helper) to `core`. */
export function pin(pid: number, core: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(TASKSET, ['-a', '-p', '-c', core, String(pid)], { stdio: 'ignore' })
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`taskset exited with ${code}`))))
  })
}

export interface PinnedProcess {
  pid: number
  /** The first match of `ready` in the output (e.g. the port). */
  ready: string
  child: ChildProcess
  stop(): Promise<void>
}

/** Node arguments that let the memory measures collect a server's garbage first (see collectGarbage). */
export const GC_ON_SIGNAL = ['--expose-gc', '--import', new URL('./gcOnSignal.mjs', import.meta.url).href]

export type MemoryReport = NodeJS.MemoryUsage & { youngGenerationBytes: number; writtenAt: number }

/**
 * A full GC in the server `pid` (started with GC_ON_SIGNAL): waits for the report gcOnSignal.mjs
 * writes once it is done (on a stalled machine that took more than the 300 ms once allowed, and a
 * half-written report was read), then pauses for V8 to give the freed pages back (a measurement
 * window). Returns that report: process.memoryUsage() and the young generation's size.
 */
export async function collectGarbage(pid: number): Promise<MemoryReport> {
  const signalledAt = Date.now()
  process.kill(pid, 'SIGUSR2')
  const report = await waitFor(() => freshReport(pid, signalledAt), { timeoutMs: 60_000, intervalMs: 20, message: `memory report of ${pid}` })
  await new Promise((resolve) => setTimeout(resolve, 300))
  return report
}

function freshReport(pid: number, after: number): MemoryReport | null {
  const file = path.join(tmpdir(), `bench-memory-${pid}.json`)
  if (!existsSync(file)) return null
  const report = JSON.parse(readFileSync(file, 'utf8')) as MemoryReport
  return report.writtenAt >= after ? report : null
}

/** A Node program (run through tsx) on the server core; resolves when its output matches `ready`. */
export async function spawnPinned(script: string, ready: RegExp, env: Record<string, string> = {}, cwd = process.cwd()): Promise<PinnedProcess> {
  const child = spawn(TASKSET, ['-c', SERVER_CORE, process.execPath, ...GC_ON_SIGNAL, '--import', 'tsx', script], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  killOnExit(child)
  const match = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      const m = ready.exec(out)
      if (m) resolve(m[1]!)
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    void exited.then(() => reject(new Error(`${script} exited before ready:\n${out}`)))
  })
  // taskset execs the program, so the child's pid is the server's.
  return {
    pid: child.pid!,
    ready: match,
    child,
    stop: async () => {
      child.kill('SIGTERM')
      await exited
    },
  }
}

/** Ends `child` when this process ends, however it ends (a killed bench leaves no server behind). */
export function killOnExit(child: ChildProcess): void {
  const kill = () => child.kill('SIGKILL')
  process.once('exit', kill)
  child.once('exit', () => process.off('exit', kill))
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130))

const benchDir = path.dirname(new URL(import.meta.url).pathname)

/** Starts one of the `servers/<name>.ts` programs on the server core; resolves with its port once it listens. */
export async function startServerProgram(name: string): Promise<{ pid: number; port: string; stop(): Promise<void> }> {
  const proc = await spawnPinned(path.join(benchDir, 'servers', `${name}.ts`), /listening on (\d+)/, {}, path.join(benchDir, '..'))
  return { pid: proc.pid, port: proc.ready, stop: proc.stop }
}
