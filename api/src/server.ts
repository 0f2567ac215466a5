/**
 * The HTTP server (docs/api.md#running): POST /graphql (Apollo, API-key access),
 * GET /healthz (200 once the database answers, 503 "degraded" while queries
 * wait too long), GET /metrics (Prometheus; same access rule as the API), GET
 * /report.pdf (the monthly report printed by headless Chromium, report/pdf.ts); any
 * GET /cases.csv (a case list as CSV, metrics/cases/cases.csv.ts); any
 * other GET goes to the caller's `fallback` (the app serves the dashboard there).
 * Plain node:http: four routes need no framework. Answers, scheduling and
 * limits: serving/serving.ts.
 */
import { createHash, randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Db, Env } from '@collections/schema';
import { createApollo, type ErrorLog } from './apollo.ts';
import { authenticate } from './auth.ts';
import { limitsFromEnv } from './limits/admission.ts';
import type { ApiContext } from './context.ts';
import { apiSchema } from './schema.ts';
import { Serving } from './serving/serving.ts';
import { casesCsv } from './metrics/cases/cases.csv.ts';
import { reportPdfMonth } from './report/month.ts';
import { ReportInputError, ReportRenderError, renderReportPdf } from './report/pdf.ts';

const MAX_BODY_BYTES = 1_000_000;

export interface ApiServer {
  readonly server: Server;
  readonly apollo: ApolloServer<ApiContext>;
  /** Cache, scheduler, limits and metrics of this server. */
  readonly serving: Serving;
  /** Listen on env.HOST:env.PORT (or `port`); resolves to the base URL. */
  listen(port?: number): Promise<string>;
  close(): Promise<void>;
}

export interface ServerOptions {
  readonly db: Db;
  readonly env: Env;
  readonly log?: ErrorLog;
  /**
   * GET/HEAD of a path the API does not serve (not /graphql, /healthz, /metrics);
   * default: a short page at / pointing to /graphql, 404 elsewhere.
   */
  readonly fallback?: (req: IncomingMessage, res: ServerResponse, pathname: string) => void;
}

export async function createApiServer(options: ServerOptions): Promise<ApiServer> {
  const { db, env } = options;
  const schema = await apiSchema();
  const apollo = createApollo(schema, limitsFromEnv(env), options.log);
  await apollo.start();
  const serving = new Serving(db, env);
  await serving.start(async (request, role) => {
    const contextValue: ApiContext = {
      db,
      env,
      role,
      requestId: randomUUID(),
      serving,
      caller: 'warm-up',
    };
    const response = await apollo.executeOperation(request, { contextValue });
    return response.body.kind === 'single' ? response.body.singleResult.data : undefined;
  });
  const fallback = options.fallback ?? apiOnlyPage;

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      (options.log ?? defaultLog)({
        requestId: String(res.getHeader('x-request-id') ?? ''),
        message: 'unhandled HTTP error',
        code: 'INTERNAL_SERVER_ERROR',
        cause: err,
      });
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal error.' });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = ROUTES.has(url.pathname) ? url.pathname : 'other';
    res.once('finish', () =>
      serving.metrics.httpRequests.inc({ route, status: String(res.statusCode) }),
    );
    if (url.pathname === '/healthz') return healthz(res);
    if (url.pathname === '/metrics') return metrics(req, res);
    if (url.pathname === '/graphql') return graphql(req, res, url, requestId);
    if (url.pathname === '/report.pdf' && req.method === 'GET') return reportPdf(req, res, url);
    if (url.pathname === '/cases.csv' && req.method === 'GET')
      return casesCsvRoute(req, res, url, requestId);
    if (req.method === 'GET' || req.method === 'HEAD') return fallback(req, res, url.pathname);
    sendJson(res, 404, { error: 'Not found.' });
  }

  async function healthz(res: ServerResponse): Promise<void> {
    // Queries waiting longer than the bound: a load balancer should send traffic elsewhere.
    const waitedMs = serving.scheduler.oldestWaitMs();
    if (waitedMs > env.HEALTH_MAX_QUEUE_WAIT_SECONDS * 1000)
      return sendJson(res, 503, {
        status: 'degraded',
        engine: db.engine,
        detail: `Queries wait longer than ${env.HEALTH_MAX_QUEUE_WAIT_SECONDS} s to start.`,
        oldestQueuedWaitSeconds: Math.round(waitedMs / 100) / 10,
        queued: serving.scheduler.queued,
      });
    try {
      await db.client.query({ query: 'SELECT 1', format: 'JSONEachRow' }).then((r) => r.json());
      sendJson(res, 200, { status: 'ok', engine: db.engine });
    } catch {
      sendJson(res, 503, { status: 'unavailable', detail: 'The database does not answer.' });
    }
  }

  /** Prometheus text; with API_KEYS it needs a valid key (any role), like every API call. */
  async function metrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const auth = authenticate(env, req.headers.authorization);
    if (!auth.ok) {
      res.setHeader('www-authenticate', 'Bearer');
      return sendJson(res, 401, { error: auth.message });
    }
    res.statusCode = 200;
    res.setHeader('content-type', serving.metrics.registry.contentType);
    res.end(await serving.metrics.registry.metrics());
  }

  async function graphql(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    requestId: string,
  ): Promise<void> {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers))
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);

    // The explorer page (GET with Accept: text/html) is public; operations need a key.
    const isLandingPage =
      req.method === 'GET' && !url.search && (headers.get('accept') ?? '').includes('text/html');
    let role: ApiContext['role'] = 'viewer';
    if (!isLandingPage) {
      const auth = authenticate(env, headers.get('authorization'));
      if (!auth.ok) {
        res.setHeader('www-authenticate', 'Bearer');
        return sendJson(res, 401, {
          errors: [{ message: auth.message, extensions: { code: 'UNAUTHENTICATED' } }],
        });
      }
      role = auth.role;
    }

    let body: unknown = undefined;
    let cacheable: { key: string; generation: number } | undefined;
    if (req.method === 'POST') {
      const raw = await readBody(req);
      if (raw === null)
        return sendJson(res, 413, {
          errors: [
            {
              message: `The request body is over ${MAX_BODY_BYTES} bytes.`,
              extensions: { code: 'BAD_REQUEST' },
            },
          ],
        });
      // Only JSON bodies: others go through Apollo's checks (CSRF prevention) every time.
      if ((headers.get('content-type') ?? '').includes('application/json'))
        cacheable = serving.responseKey(role, raw);
      const cached = cacheable && serving.cachedResponse(cacheable.key);
      if (cached !== undefined) {
        res.statusCode = 200;
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(cached);
        return;
      }
      try {
        body = raw.length > 0 ? JSON.parse(raw) : undefined;
      } catch {
        return sendJson(res, 400, {
          errors: [
            { message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } },
          ],
        });
      }
    }

    const contextValue = requestContext(res, role, requestId, headers.get('authorization'));
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => contextValue,
    });
    res.statusCode = response.status ?? 200;
    for (const [key, value] of response.headers) res.setHeader(key, value);
    if (response.body.kind === 'complete') {
      // Only clean answers are kept: errors (limits, overload, bad input) are asked again.
      if (cacheable && res.statusCode === 200 && !response.body.string.includes('"errors"'))
        serving.cache.put(cacheable.key, response.body.string, cacheable.generation);
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  /** A request's context; a client that hangs up before its answer is sent cancels its waiting and running queries. */
  function requestContext(
    res: ServerResponse,
    role: ApiContext['role'],
    requestId: string,
    authorization: string | undefined,
  ): ApiContext {
    const hangUp = new AbortController();
    setMaxListeners(0, hangUp.signal);
    res.once('close', () => {
      if (!res.writableFinished) hangUp.abort();
    });
    return {
      db,
      env,
      role,
      requestId,
      serving,
      caller: callerOf(authorization),
      signal: hangUp.signal,
    };
  }

  /** Case lists as CSV (metrics/cases/cases.csv.ts): API key as for /graphql, then the role `cases` needs. */
  async function casesCsvRoute(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    requestId: string,
  ): Promise<void> {
    const auth = authenticate(env, req.headers.authorization);
    if (!auth.ok) {
      res.setHeader('www-authenticate', 'Bearer');
      return sendJson(res, 401, { error: auth.message });
    }
    const ctx = requestContext(res, auth.role, requestId, req.headers.authorization);
    await casesCsv(res, url, ctx, schema);
  }

  /** The monthly report as PDF (report/pdf.ts); any valid key (role viewer and up), like the API. */
  async function reportPdf(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const auth = authenticate(env, req.headers.authorization);
    if (!auth.ok) {
      res.setHeader('www-authenticate', 'Bearer');
      return sendJson(res, 401, { error: auth.message });
    }
    const month = reportPdfMonth(url.searchParams.get('month'));
    if (!month.ok) return sendJson(res, 400, { error: month.message });
    if (!options.fallback)
      return sendJson(res, 503, {
        error:
          'This server does not serve the dashboard, so there is no report page to print: start the product with pnpm start or pnpm api.',
      });
    const address = server.address() as AddressInfo;
    const host =
      address.family === 'IPv6'
        ? address.address === '::'
          ? '[::1]'
          : `[${address.address}]`
        : address.address === '0.0.0.0'
          ? '127.0.0.1'
          : address.address;
    try {
      const pdf = await renderReportPdf({
        baseUrl: `http://${host}:${address.port}`,
        month: month.month,
        apiKey: /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1] ?? null,
        env,
      });
      res.statusCode = 200;
      res.setHeader('content-type', 'application/pdf');
      res.setHeader('content-disposition', `inline; filename="report-${month.month}.pdf"`);
      res.end(pdf);
    } catch (err) {
      if (err instanceof ReportInputError) return sendJson(res, 400, { error: err.message });
      if (err instanceof ReportRenderError) return sendJson(res, 504, { error: err.message });
      (options.log ?? defaultLog)({
        requestId: String(res.getHeader('x-request-id') ?? ''),
        message: 'report PDF failed',
        code: 'INTERNAL_SERVER_ERROR',
        cause: err,
      });
      sendJson(res, 500, {
        error: `The report could not be rendered: check that Chromium runs at CHROMIUM_PATH (${env.CHROMIUM_PATH}).`,
      });
    }
  }

  return {
    server,
    apollo,
    serving,
    listen(port = env.PORT) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, env.HOST, () => {
          const address = server.address() as AddressInfo;
          const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve(`http://${host}:${address.port}`);
        });
      });
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await serving.close();
      await apollo.stop();
    },
  };
}

const ROUTES = new Set(['/graphql', '/healthz', '/metrics', '/report.pdf', '/cases.csv']);

/** The scheduler's fairness unit: a digest of the bearer key (never the key itself), or "local". */
function callerOf(authorization: string | undefined): string {
  const key = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  return key ? createHash('sha256').update(key).digest('hex').slice(0, 16) : 'local';
}

const defaultLog: ErrorLog = (entry) =>
  console.error(JSON.stringify({ level: 'error', ...entry, cause: String(entry.cause) }));

/** Without a dashboard: / says where the API is; anything else is not found. */
function apiOnlyPage(_req: IncomingMessage, res: ServerResponse, pathname: string): void {
  if (pathname !== '/') return sendJson(res, 404, { error: 'Not found.' });
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(
    '<!doctype html><title>Collections analytics</title><h1>Collections analytics API</h1>' +
      '<p>The GraphQL API and its explorer are at <a href="/graphql">/graphql</a>.</p>',
  );
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(value));
}

/** The body as text, or null when it exceeds MAX_BODY_BYTES. */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
