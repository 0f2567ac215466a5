import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { sizeBudget } from './scripts/size-budget.ts';

// The API serves dist/ at /; in development Vite proxies /graphql to it.
export default defineConfig({
  plugins: [react(), sizeBudget({ initialJsGzip: 100 * 1024 })],
  server: {
    proxy: { '/graphql': process.env.API_URL ?? 'http://127.0.0.1:4000' },
  },
  build: {
    outDir: 'dist',
    sourcemap: false,
    // The explorer's lazy chunk (GraphiQL + Monaco) is big by nature; the budget above
    // guards what matters, the JS loaded before first render.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      onwarn(warning, warn) {
        // GraphiQL's React-compiler "use no memo" directives: harmless when bundled.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
