/**
 * The dashboard asks for no deprecated field, argument or input field of the API
 * (docs/api.md "Naming": the older names stay for other clients, the dashboard
 * uses the common ones). Every generated document is validated against the
 * committed schema with graphql-js's NoDeprecatedCustomRule.
 */
import { readFileSync } from 'node:fs';
import { buildSchema, NoDeprecatedCustomRule, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as generated from '../src/gql/graphql.ts';

const schema = buildSchema(
  readFileSync(new URL('../../api/schema.graphql', import.meta.url), 'utf8'),
);

const documents = Object.entries(generated).filter(([name]) => name.endsWith('Document'));

describe("the dashboard's GraphQL documents", () => {
  it('exist (the generated module is read)', () => {
    expect(documents.length).toBeGreaterThan(20);
  });

  it.each(documents)('%s uses no deprecated name', (_name, doc) => {
    const errors = validate(schema, parse(String(doc)), [NoDeprecatedCustomRule]);
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});
