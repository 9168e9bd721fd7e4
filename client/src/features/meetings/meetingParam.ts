/** `?reunion=<id>` in the meetings page's address: the meeting open in meeting mode. */
export const MEETING_PARAM = 'reunion'
