/**
 * The refresh order of the derived tables, derived from what each declares it reads
 * (DerivedTable.after): a table is refreshed after every derived table it reads, so
 * that it reads them current. Ties are broken by name, so the order does not depend
 * on the order of the declarations.
 */

/** What ordering needs of a derived table. */
export interface Ordered {
  readonly name: string;
  /** derived tables its refresh reads (refreshed before it) */
  readonly after?: readonly string[];
}

/** `tables` in dependency order; throws on a cycle or a read of an undeclared table. */
export function refreshOrder<T extends Ordered>(tables: readonly T[]): T[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  for (const t of tables)
    for (const dep of t.after ?? [])
      if (!byName.has(dep)) throw new Error(`derived table ${t.name} reads ${dep}, not declared`);
  const done = new Set<string>();
  const out: T[] = [];
  const pending = [...tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  while (pending.length > 0) {
    const i = pending.findIndex((t) => (t.after ?? []).every((dep) => done.has(dep)));
    if (i < 0) throw new Error(`derived tables read each other: ${pending.map((t) => t.name)}`);
    const [next] = pending.splice(i, 1);
    done.add(next!.name);
    out.push(next!);
  }
  return out;
}
