import { describe, expect, it } from 'vitest'
import { runRulesFuzz } from '../fuzz/rulesFuzz.ts'

/**
 * Seeded random sessions (test/fuzz/rulesFuzz.ts): six clients of every role make random valid and
 * invalid edits with random partial deliveries and disconnects. At the end every replica equals the
 * server's and the store's, and every state the store went through satisfies every rule.
 *
 * A seed that ever fails goes into REGRESSION_SEEDS and stays there. `FUZZ_SEEDS=500` runs more.
 */
// 144–287 failed once: a client that edited right after reconnecting, before its offline edits
// were synced, was closed with 4500 (the server cannot apply an update whose predecessors it lacks)
// and must come back and resync; the run then checked replicas before everyone was back.
const REGRESSION_SEEDS: number[] = [144, 148, 151, 159, 171, 173, 174, 184, 194, 232, 259, 265, 284, 287]
const SEEDS = [...REGRESSION_SEEDS, ...Array.from({ length: Number(process.env.FUZZ_SEEDS ?? 12) }, (_, i) => 1000 + i)]

describe('[VAL1] [PERM0] seeded random sessions keep replicas equal and every stored state valid', () => {
  it.each(SEEDS)('[VAL1] [PERM0] seed %i', async (seed) => {
    const result = await runRulesFuzz(seed)
    expect(result.divergence).toBeNull()
    expect(result.invalid).toBeNull()
    // The run exercised the rules in both directions.
    expect(result.edits).toBeGreaterThan(100)
  })
})
