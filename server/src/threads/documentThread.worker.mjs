// A document thread (see threadPool.ts). The jobs are TypeScript (server/src/history, threads): tsx
// is registered here, so this thread loads them whatever started the process (`pnpm start`, the
// test runner, a build). Plain JavaScript, like yjsThread.worker.mjs.
import { setPriority } from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

// Linux gives each thread its own nice value: on a busy core the event loop is scheduled first.
try {
  setPriority(workerData.nice)
} catch {
  // Not allowed here (another system): the thread runs at the process's priority.
}
register()
const { runJob } = await import('./documentThread.ts')

parentPort.on('message', async ({ op, input }) => {
  try {
    const { result, transfer } = await runJob(op, input)
    parentPort.postMessage({ ok: true, result }, transfer)
  } catch (error) {
    const { message, code, ...data } = error instanceof Error ? { ...error, message: error.message } : { message: String(error) }
    parentPort.postMessage({ ok: false, error: { message, code: typeof code === 'string' ? code : undefined, data: JSON.parse(JSON.stringify(data)) } })
  }
})
