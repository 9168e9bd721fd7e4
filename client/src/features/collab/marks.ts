/**
 * User Timing marks on the way from navigation to a usable document (ticket, socket open, full state
 * received and applied, first rows): cheap, visible in DevTools' Performance panel, and read by the
 * benchmark's breakdown (test/bench/planLoadProfile.ts).
 */
export function mark(name: string, detail?: unknown): void {
  performance.mark(name, detail === undefined ? undefined : { detail })
}
