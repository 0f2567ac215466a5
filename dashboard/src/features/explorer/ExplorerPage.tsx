/**
 * GraphiQL, bundled (no CDN: users' networks are closed), in its own lazy chunk.
 * Requests carry the same API key as the rest of the dashboard.
 */
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { GraphiQL } from 'graphiql';
import { useMemo } from 'react';
import { getKey, requireKey } from '../../lib/auth.ts';
import { GRAPHQL_URL } from '../../lib/client.ts';
import { useAuthVersion } from '../../lib/useQuery.ts';

const DEFAULT_QUERY = `# Collections analytics API. Open the docs (book icon) for every field.
query {
  asOf {
    date
    instant
  }
}
`;

export default function ExplorerPage() {
  const authVersion = useAuthVersion();
  const fetcher = useMemo(() => {
    void authVersion;
    return async (body: unknown) => {
      const key = getKey();
      const res = await fetch(GRAPHQL_URL, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(key ? { authorization: `Bearer ${key}` } : {}),
        },
        body: JSON.stringify(body),
      });
      if (res.status === 401) requireKey();
      return res.json();
    };
  }, [authVersion]);
  return (
    <div className="explorer">
      <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} />
    </div>
  );
}
