import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Vitest's global setup: compiles the server once per run (about a second), so the tests that start
 * it as a process (`spawnServer`) or run its commands (`audit:verify`) use what production runs,
 * built from the sources being tested, even when a single test file is run.
 */
export default function compileServer(): void {
  const build = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../server/build.mjs')
  execFileSync(process.execPath, [build], { stdio: ['ignore', 'ignore', 'inherit'] })
}
