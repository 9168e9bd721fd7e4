import react from '@vitejs/plugin-react'
import { defineConfig, type ProxyOptions } from 'vite'
import { precompress } from './build/precompress.ts'

// In development the Ensemble server runs apart (pnpm dev, port 8080); the client talks to it on the
// same origin through this proxy, exactly as in production where the server serves client/dist.
const target = process.env.ENSEMBLE_SERVER ?? 'http://127.0.0.1:8080'

/**
 * The server refuses requests whose Origin is not its own (CSRF, cross-site websockets). Through
 * the proxy the page's origin is Vite's, so present the requests as coming from the server's origin.
 */
const sameOrigin: ProxyOptions['configure'] = (proxy) => {
  proxy.on('proxyReq', (req) => {
    if (req.getHeader('origin')) req.setHeader('origin', target)
  })
  proxy.on('proxyReqWs', (req) => {
    if (req.getHeader('origin')) req.setHeader('origin', target)
  })
}

export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    proxy: {
      '/api': { target, configure: sameOrigin },
      '/ws': { target, ws: true, configure: sameOrigin },
    },
  },
  // React, Yjs and zod make the main chunk ~560 kB (170 kB gzipped); the editor loads on its own.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 700 },
})
