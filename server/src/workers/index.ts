// The worker threads' observable figures (package `@ensemble/server/workers`).
export { YJS_THREAD_THRESHOLD_BYTES, yjsThreadStats } from './yjsThread.ts'
export type { ThreadPoolStats } from './threadPool.ts'
