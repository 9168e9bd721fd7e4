// A document thread (see threadPool.ts). Plain JavaScript, like yjsThread.worker.mjs, loaded by URL
// beside the module that starts it. The jobs are documentThread.ts: compiled beside this file in
// production (server/build.mjs bundles it as documentThread.js), run through tsx in development and
// in the tests (tsx registered here, whatever started the process).
import { existsSync } from 'node:fs'
import { setPriority } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parentPort, workerData } from 'node:worker_threads'

// Linux gives each thread its own nice value: on a busy core the event loop is scheduled first.
try {
  setPriority(workerData.nice)
} catch {
  // Not allowed here (another system): the thread runs at the process's priority.
}

const compiled = new URL('./documentThread.js', import.meta.url)
let jobs
if (existsSync(fileURLToPath(compiled))) jobs = await import(compiled.href)
else {
  const { register } = await import('tsx/esm/api')
  register()
  jobs = await import('./documentThread.ts')
}
const { runJob } = jobs

parentPort.on('message', async ({ op, input }) => {
  try {
    const { result, transfer } = await runJob(op, input)
    parentPort.postMessage({ ok: true, result }, transfer)
  } catch (error) {
    const { message, code, ...data } = error instanceof Error ? { ...error, message: error.message } : { message: String(error) }
    parentPort.postMessage({ ok: false, error: { message, code: typeof code === 'string' ? code : undefined, data: JSON.parse(JSON.stringify(data)) } })
  }
})
