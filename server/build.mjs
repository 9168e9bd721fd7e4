// Compiles the server for production (`pnpm start`, deployments): one ESM bundle per entry point in
// dist/, the workspace's own code inlined (shared/ is TypeScript), every npm dependency left to
// node_modules. `tsx` stays for development (`pnpm dev`) and the tests.
import { copyFileSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = path.dirname(fileURLToPath(import.meta.url))
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
const external = Object.keys(pkg.dependencies)
  .filter((name) => !name.startsWith('@ensemble/'))
  .flatMap((name) => [name, `${name}/*`])
const dist = path.join(root, 'dist')
// Entry points keep their depth below dist/ as below src/, so paths resolved from import.meta.url
// (the data and client directories, the worker threads beside their module) are the same.
const entries = ['src/main.ts', 'src/tools/auditVerify.ts', 'src/tools/sqliteToPostgres.ts']

/** How every bundle is built. */
const bundled = { absWorkingDir: root, bundle: true, platform: 'node', format: 'esm', target: 'node20', external, sourcemap: true, logLevel: 'warning' }

rmSync(dist, { recursive: true, force: true })
await build({ ...bundled, entryPoints: entries, outbase: 'src', outdir: 'dist' })

// Worker threads are plain JavaScript files loaded by URL beside the module that starts them; the
// document threads' jobs (TypeScript) are bundled beside them too, as documentThread.js.
const workers = readdirSync(path.join(root, 'src'), { recursive: true }).filter((file) => String(file).endsWith('.worker.mjs'))
for (const outDir of new Set(entries.map((entry) => path.dirname(path.join(dist, path.relative('src', entry)))))) {
  for (const worker of workers) copyFileSync(path.join(root, 'src', String(worker)), path.join(outDir, path.basename(String(worker))))
  await build({ ...bundled, entryPoints: ['src/workers/documentThread.ts'], outfile: path.join(outDir, 'documentThread.js') })
}
process.stdout.write(`server compiled to ${path.relative(process.cwd(), dist) || '.'}/ (${entries.length} entry points, ${workers.length} worker threads)\n`)
