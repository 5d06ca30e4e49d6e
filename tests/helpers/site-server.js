// A static host for a built site: serves one folder under a URL prefix, as a web host would, with
// extra headers (a Content-Security-Policy) on every response. Nothing outside the prefix exists.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { TYPES, servedPath } from './server.js';

/**
 * Serves `root` at `http://127.0.0.1:<port><prefix>` (prefix like `/a/b/`); resolves with
 * `{ origin, url, close }`, `url` being the origin plus the prefix.
 */
export async function serveSite(root, { prefix = '/', headers = {} } = {}) {
  const base = normalize(root + sep);
  const server = createServer(async (req, res) => {
    const path = servedPath(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const fail = (status) => res.writeHead(status, { ...headers, 'content-type': 'text/plain' }).end(`${status}`);
    if (!path.startsWith(prefix)) return fail(404);
    let file = normalize(join(base, path.slice(prefix.length)));
    if (!file.startsWith(base)) return fail(403);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      fail(404);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, url: origin + prefix, close: () => new Promise((r) => server.close(r)) };
}
