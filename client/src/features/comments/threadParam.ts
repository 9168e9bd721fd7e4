/** `?fil=<id>` in a page's address (links from the inbox) opens that thread. */
export const THREAD_PARAM = 'fil'

export const threadFromUrl = (): string | null => new URLSearchParams(window.location.search).get(THREAD_PARAM)
