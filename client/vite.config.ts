import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// In development the Ensemble server runs apart (pnpm dev, port 8080); the client talks to it on the
// same origin through this proxy, exactly as in production where the server serves client/dist.
const target = process.env.ENSEMBLE_SERVER ?? 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target, changeOrigin: false },
      '/ws': { target, ws: true, changeOrigin: false },
    },
  },
  // React, Yjs and zod make the main chunk ~560 kB (170 kB gzipped); the editor loads on its own.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 700 },
})
