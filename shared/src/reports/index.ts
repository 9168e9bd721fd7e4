export * from './csv.ts'
export * from './exportFiles.ts'
export * from './sheet.ts'
