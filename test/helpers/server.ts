import { afterAll, beforeAll } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadConfig, type RunningServer, type ServerOptions, startServer } from '@ensemble/server'

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')

export interface TestServer {
  url: string
  dataDir: string
  server: RunningServer
  close(): Promise<void>
}

export function tempDataDir(prefix = 'ensemble-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix))
}

/** A real server in this process on port 0, with its own temporary SQLite file. */
export async function startTestServer(env: Record<string, string> = {}, dataDir = tempDataDir(), options: ServerOptions = {}): Promise<TestServer> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SEED_DEMO: '0',
    LOG_LEVEL: 'warn',
    AUTH_SIGNUP_MAX: '1000',
    AUTH_SIGNIN_MAX: '1000',
    AUTH_SIGNIN_ADDRESS_MAX: '1000',
    ROOM_IDLE_MS: '200',
    ...env,
  })
  const server = await startServer(config, options)
  return {
    url: server.url,
    dataDir,
    server,
    close: async () => {
      await server.close()
    },
  }
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

export interface ChildServer {
  url: string
  child: ChildProcess
  output: () => string
  /** Resolves when the process has exited. */
  exited: Promise<number | null>
  kill(signal: NodeJS.Signals): Promise<number | null>
}

/**
 * The real `pnpm start` entry point in a child process (for restarts and SIGKILL): the compiled
 * server (server/dist, built by the tests' global setup). Resolves once the server prints its URL;
 * `port` 0 picks a free one, pass the previous port to restart on the same URL.
 */
export async function spawnServer(dataDir: string, env: Record<string, string> = {}, port = 0, nodeArgs: string[] = []): Promise<ChildServer> {
  const child = spawn(process.execPath, [...nodeArgs, '--enable-source-maps', path.join(repoRoot, 'server/dist/main.js')], {
    cwd: path.join(repoRoot, 'server'), // as under `pnpm start`
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SEED_DEMO: '0',
      LOG_LEVEL: 'warn',
      AUTH_SIGNUP_MAX: '1000',
      AUTH_SIGNIN_MAX: '1000',
      AUTH_SIGNIN_ADDRESS_MAX: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      const m = /is ready: (http:\/\/\S+)/.exec(out)
      if (m) resolve(m[1]!)
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()))
    void exited.then((code) => reject(new Error(`server exited (${code}) before ready:\n${out}`)))
  })
  return {
    url,
    child,
    output: () => out,
    exited,
    kill: (signal) => {
      child.kill(signal)
      return exited
    },
  }
}

/**
 * One server for a `describe` block: started before its tests, closed and removed after them.
 * Read `url` (or `server`) inside tests, once it is started.
 */
export function serverPerSuite(env: Record<string, string> = {}): { readonly url: string; readonly dataDir: string; readonly server: RunningServer } {
  let current: TestServer | undefined
  beforeAll(async () => {
    current = await startTestServer(env)
  })
  afterAll(async () => {
    if (!current) return
    await current.close()
    removeDir(current.dataDir)
  })
  const started = (): TestServer => {
    if (!current) throw new Error('the suite server is not started yet: read it inside a test or hook')
    return current
  }
  return {
    get url() {
      return started().url
    },
    get dataDir() {
      return started().dataDir
    },
    get server() {
      return started().server
    },
  }
}
