/**
 * Every element of the public schema says what it is: a type, field,
 * argument, input field or enum value without a description fails here
 * (built-in scalars and introspection types excepted).
 */
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLArgument,
  type GraphQLNamedType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiSchema } from './schema.ts';

const blank = (text: string | null | undefined) => !text || text.trim() === '';

/** Paths (Type, Type.field, Type.field(arg), Enum.VALUE) of the undescribed elements. */
function undescribed(type: GraphQLNamedType): string[] {
  const missing: string[] = [];
  if (blank(type.description)) missing.push(type.name);
  const args = (path: string, list: readonly GraphQLArgument[]) =>
    list.filter((a) => blank(a.description)).map((a) => `${path}(${a.name})`);
  if (isObjectType(type) || isInterfaceType(type))
    for (const field of Object.values(type.getFields())) {
      if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
      missing.push(...args(`${type.name}.${field.name}`, field.args));
    }
  if (isInputObjectType(type))
    for (const field of Object.values(type.getFields()))
      if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
  if (isEnumType(type))
    for (const value of type.getValues())
      if (blank(value.description)) missing.push(`${type.name}.${value.name}`);
  return missing;
}

describe('schema descriptions', () => {
  it('describes every type, field, argument, input field and enum value', async () => {
    const schema = await apiSchema();
    const missing = Object.values(schema.getTypeMap())
      .filter((t) => !t.name.startsWith('__') && !isSpecifiedScalarType(t))
      .flatMap(undescribed)
      .sort();
    expect(missing).toEqual([]);
  });
});
