/**
 * The built dashboard over HTTP: the API server's fallback for GET/HEAD paths it
 * does not serve itself. Files of the build with an SPA fallback (paths without a
 * file extension get index.html, a missing asset is a 404); without a build, a
 * short page pointing to the API.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

/** Where `pnpm --filter @collections/dashboard build` writes the dashboard. */
export const DASHBOARD_DIST = path.resolve(import.meta.dirname, '../../dashboard/dist');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export type StaticHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => void;

/** Serve the dashboard build in `dir` (default dashboard/dist). */
export function dashboardFiles(dir: string = DASHBOARD_DIST): StaticHandler {
  return (req, res, pathname) => {
    if (!existsSync(path.join(dir, 'index.html'))) {
      res.statusCode = pathname === '/' ? 200 : 404;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(
        '<!doctype html><title>Collections analytics</title><h1>Collections analytics API</h1>' +
          '<p>The dashboard is not built (run <code>pnpm --filter @collections/dashboard build</code>). ' +
          'The GraphQL API and its explorer are at <a href="/graphql">/graphql</a>.</p>',
      );
      return;
    }
    let file = path.join(dir, path.normalize(decodeURIComponent(pathname)));
    const inside = file.startsWith(dir + path.sep) || file === dir;
    if (!inside || !existsSync(file) || !statSync(file).isFile()) {
      // SPA fallback: client-side routes get index.html; missing assets get 404.
      if (path.extname(pathname)) {
        res.statusCode = 404;
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(JSON.stringify({ error: 'Not found.' }));
        return;
      }
      file = path.join(dir, 'index.html');
    }
    res.statusCode = 200;
    res.setHeader('content-type', MIME[path.extname(file)] ?? 'application/octet-stream');
    res.setHeader(
      'cache-control',
      file.includes(`${path.sep}assets${path.sep}`)
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
    );
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  };
}
