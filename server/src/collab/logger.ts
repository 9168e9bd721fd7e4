/** The slice of a pino logger the collaboration core uses (structured fields first, then a message). */
export type LogFn = (fields: object, message?: string) => void

export interface CollabLogger {
  debug: LogFn
  info: LogFn
  warn: LogFn
  error: LogFn
}

const ignore: LogFn = () => {}
export const silentLogger: CollabLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore }
