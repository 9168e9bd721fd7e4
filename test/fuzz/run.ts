import { runRulesFuzz } from './rulesFuzz.ts'

/**
 * Long fuzzing from the command line: `node --import tsx fuzz/run.ts [count] [first] [steps]` in test/.
 * Prints each failing seed (add it to REGRESSION_SEEDS in test/integration/rules-fuzz.test.ts).
 */
const count = Number(process.argv[2] ?? 200)
const first = Number(process.argv[3] ?? 1)
const steps = Number(process.argv[4] ?? 250)
let failures = 0
let edits = 0
let refusals = 0
for (let seed = first; seed < first + count; seed++) {
  const result = await runRulesFuzz(seed, steps)
  edits += result.edits
  refusals += result.refusals
  if (result.divergence || result.invalid) {
    failures++
    console.log(`seed ${seed} FAILED`, result.divergence ?? '', result.invalid ? JSON.stringify(result.invalid) : '')
  }
}
console.log(`${count} seeds × ${steps} steps: ${edits} edits, ${refusals} refusals reported to connected authors, ${failures} failing seeds`)
process.exit(failures ? 1 : 0)
