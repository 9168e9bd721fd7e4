// Preloaded into every benchmarked server (with --expose-gc): SIGUSR2 runs a full garbage collection,
// so the memory measures read what a server keeps, not the garbage it has not collected yet.
// With BENCH_MEMORY_REPORT set, it then writes process.memoryUsage() there (heap vs native memory).
import { writeFileSync } from 'node:fs'

process.on('SIGUSR2', () => {
  globalThis.gc?.()
  if (process.env.BENCH_MEMORY_REPORT) writeFileSync(process.env.BENCH_MEMORY_REPORT, JSON.stringify(process.memoryUsage()))
})
