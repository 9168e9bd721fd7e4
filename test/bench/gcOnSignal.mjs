// Preloaded into every benchmarked server (with --expose-gc): SIGUSR2 runs a full garbage collection,
// so the memory measures read what a server keeps, not the garbage it has not collected yet.
// It then writes process.memoryUsage() and the young generation's size to memoryReportFile(pid)
// (and to BENCH_MEMORY_REPORT when set): the memory measures wait for V8 to shrink the young
// generation of an idle server before reading its RSS (see memory.ts).
import { renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import v8 from 'node:v8'

/** Written whole or not at all (a reader polling the file never sees half of it). */
function writeReport(file, report) {
  writeFileSync(`${file}.tmp`, report)
  renameSync(`${file}.tmp`, file)
}

process.on('SIGUSR2', () => {
  globalThis.gc?.()
  const youngGenerationBytes = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0
  // writtenAt: the reader waits for a report written after its signal (same machine, same clock).
  const report = JSON.stringify({ ...process.memoryUsage(), youngGenerationBytes, writtenAt: Date.now() })
  writeReport(path.join(tmpdir(), `bench-memory-${process.pid}.json`), report)
  if (process.env.BENCH_MEMORY_REPORT) writeReport(process.env.BENCH_MEMORY_REPORT, report)
})
