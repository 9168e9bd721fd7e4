import { QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { queryClient } from './api/queryClient.ts'
import { App } from './App.tsx'
import { ToastProvider } from './components/Toasts.tsx'
import { SessionProvider } from './features/auth/SessionContext.tsx'
import { initI18n } from './i18n/index.ts'
import { preloadFor } from './preload.ts'
import './styles/app.css'
import './styles/editor.css'
import './styles/plan.css'

initI18n()
// Before rendering: the session, the alliance and the page's document are fetched in parallel.
preloadFor(window.location.pathname)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <SessionProvider>
          <App />
        </SessionProvider>
      </ToastProvider>
    </QueryClientProvider>
  </StrictMode>,
)
