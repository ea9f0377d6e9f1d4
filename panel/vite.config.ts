import { defineConfig } from 'vite';

// Relative base: the panel is served under an Ingress prefix
// (/api/hassio_ingress/<token>/) that changes per session, so no asset URL may be absolute.
export default defineConfig({
  root: 'panel',
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
});
