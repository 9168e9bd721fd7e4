export * from './dashboardView.ts'
export * from './planDashboard.ts'
export * from './planSnapshot.ts'
export * from './rollUp.ts'
