// Builds the renderer (Lit app) that Electron loads from its custom protocol and the room server serves.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repo = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: `${repo}renderer`,
  // Relative asset URLs: the same build loads from moim:// in Electron and from any path on the room server.
  base: './',
  publicDir: false,
  build: {
    outDir: `${repo}dist/renderer`,
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    // Keep every asset a file: the CSP allows no inline data for scripts or styles.
    assetsInlineLimit: 0,
    // The app, and the Electron share control window's small page (its own entry: it loads none of the app).
    rollupOptions: {
      input: { index: `${repo}renderer/index.html`, 'share-control': `${repo}renderer/share-control.html` },
    },
  },
  server: { host: '127.0.0.1' },
});
