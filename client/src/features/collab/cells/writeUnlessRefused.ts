/**
 * A cell's commit: the rules' refusal if any (nothing is written), else the write and no message.
 * Keeps every `onCommit` returning `string | null` rather than the write's `void`.
 */
export function writeUnlessRefused(problem: string | null, write: () => void): string | null {
  if (problem) return problem
  write()
  return null
}
