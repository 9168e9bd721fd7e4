// The server as a library: what `main.ts` runs and what the tests start in-process (package `@ensemble/server`).
export { startServer, type RunningServer, type ServerOptions } from './server.ts'
export { loadConfig, type Config } from './config.ts'
export { createLogger, type Logger } from './logger.ts'
export { AppError, RateLimitedError } from './errors.ts'
export type { DemoLogin } from './seed/demo.ts'
