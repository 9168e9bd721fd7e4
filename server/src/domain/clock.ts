/** Injectable time source so tests can script a calendar. */
export type Clock = () => Date
export const systemClock: Clock = () => new Date()
