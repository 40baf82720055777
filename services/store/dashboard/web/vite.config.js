// Build: `npm ci && npm run build` writes the page to ../static (what the store serves at `/`).
// Dev: `npm run dev` proxies /v1 to a running store (ACCORD_API_URL, default http://127.0.0.1:8000).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const api = process.env.ACCORD_API_URL || 'http://127.0.0.1:8000';

export default defineConfig({
  base: './', // relative asset URLs: the page works at `/` or behind a path prefix
  build: {
    outDir: fileURLToPath(new URL('../static', import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0, // the world topology stays a separate, cacheable file
    reportCompressedSize: true,
  },
  server: { proxy: { '/v1': api } },
  test: { environment: 'node', include: ['test/**/*.test.js'] },
});
