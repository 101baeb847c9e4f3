// BUILD_DIR lets several checkouts or test runs build side by side without overwriting each other.
const buildDir = process.env.BUILD_DIR;

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  serverBuildPath: buildDir ? `${buildDir}/server/index.js` : "build/index.js",
  assetsBuildDirectory: buildDir ? `${buildDir}/assets` : "public/build",
  serverDependenciesToBundle: [/^remix-i18next/],
  watchPaths: ["locales/**/*.json"],
  // Every v3 flag the classic compiler supports. v3_routeConfig (app/routes.ts) exists only
  // for the Vite plugin; flat file routes are its classic-compiler equivalent (docs/decisions/001).
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
