// A static file server for the tests: serves the repository on 127.0.0.1 with the right MIME types.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Content types by file extension, as a static host sends them. */
export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.gz': 'application/gzip',
};

/**
 * With `SW2_CPU_BUILD=nosimd` in the environment, requests for the SIMD CPU build get the plain one:
 * the whole suite then runs on the build a browser without wasm SIMD loads.
 */
export function servedPath(path) {
  return process.env.SW2_CPU_BUILD === 'nosimd' ? path.replace(/\/pkg\/cpu\//, '/pkg/cpu-nosimd/') : path;
}

/** Starts serving the repo; resolves with `{ url, close }`. */
export async function serve(root = ROOT) {
  const server = createServer(async (req, res) => {
    const path = servedPath(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}
