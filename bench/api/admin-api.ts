/** What the API timing scripts share: the API's Apollo server over `db`, every request as an admin. */
import { randomUUID } from 'node:crypto';
import { apiSchema, createApollo, type ApiContext } from '@collections/api';
import type { Db, Env } from '@collections/schema';

export async function adminApi(db: Db, env: Env) {
  const apollo = createApollo(await apiSchema());
  await apollo.start();
  const context = (): ApiContext => ({ db, env, role: 'admin', requestId: randomUUID() });
  return { apollo, context };
}
