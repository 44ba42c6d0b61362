import { defineConfig } from 'vite';

// Builds src/sw.ts into dist/sw.js (one classic script, no imports) next to the app.
export default defineConfig({
  publicDir: false,
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    target: 'es2019',
    outDir: 'dist',
    emptyOutDir: false,
    copyPublicDir: false,
    sourcemap: false,
    rollupOptions: {
      input: 'src/sw.ts',
      output: { format: 'iife', entryFileNames: 'sw.js' },
    },
  },
});
