import path from "node:path";

/** Where `remix build` put the server bundle and browser assets (see remix.config.js). */
export function buildPaths() {
  const dir = process.env.BUILD_DIR;
  return dir
    ? { server: path.resolve(dir, "server/index.js"), assets: path.resolve(dir, "assets") }
    : { server: path.resolve("build/index.js"), assets: path.resolve("public/build") };
}
