import { runDocStoreContract } from '../contracts/docStore.contract.ts'
import { MemoryDocStore } from '../helpers/memoryDocStore.ts'

// The test double used by the collaboration tests honours the same contract as the real stores.
runDocStoreContract('in-memory test double', async () => {
  const store = new MemoryDocStore()
  return { store, logRows: async (key) => store.rows(key).length, cleanup: async () => {} }
})
