/**
 * Every statement a test's work sends through one database handle's client (its SQL,
 * white space folded; an insert as `INSERT INTO <table>`): what a load sent, and nothing
 * else, can be checked.
 */
import type { Db } from '@collections/schema';

type Call = (arg: { query?: string; table?: string }) => unknown;

export async function statements(
  db: Pick<Db, 'client'>,
  work: () => Promise<unknown>,
): Promise<string[]> {
  const sent: string[] = [];
  const client = db.client as unknown as Record<string, Call>;
  const originals = new Map<string, Call>();
  for (const method of ['query', 'command', 'insert', 'exec']) {
    const original = client[method];
    if (!original) continue;
    originals.set(method, original);
    client[method] = (arg) => {
      sent.push((arg.query ?? `INSERT INTO ${arg.table ?? '?'}`).replace(/\s+/g, ' ').trim());
      return original.call(db.client, arg);
    };
  }
  try {
    await work();
  } finally {
    for (const [method, original] of originals) client[method] = original;
  }
  return sent;
}
