import { resolve } from "node:path";
import { defineConfig } from "vitest/config";

// Two pages: the public sign-in page and the app shell behind it. Hashed bundles go to /assets/, which the hub
// serves without a session (see src/Hub.Api/Dashboard/DashboardFiles.cs).
export default defineConfig({
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    rollupOptions: {
      input: {
        app: resolve(import.meta.dirname, "index.html"),
        login: resolve(import.meta.dirname, "login/index.html"),
      },
    },
  },
  server: {
    // `npm run dev` next to a running hub: the API, live hub and sign-in go to it.
    proxy: {
      "/api": "http://localhost:8080",
      "/live": { target: "http://localhost:8080", ws: true },
    },
  },
  test: {
    include: ["src/**/*.test.ts"],
  },
});
