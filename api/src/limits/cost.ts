/**
 * The estimated cost of an operation (weights.ts): the sum over its root fields
 * (each alias counts; fragments are followed) of each field's cost (weights.ts), with argument
 * values read as execution will read them (variables coerced, defaults applied).
 */
import {
  getArgumentValues,
  getVariableValues,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { METRIC_COSTS, fieldCost, type MetricCost } from './weights.ts';

export interface FieldCost {
  /** The response key (alias or field name). */
  readonly key: string;
  readonly field: string;
  readonly cost: number;
}

export interface CostEstimate {
  readonly total: number;
  readonly fields: readonly FieldCost[];
}

/** A field missing from METRIC_COSTS (cost.test.ts keeps the table complete). */
const UNLISTED: MetricCost = { weight: 1 };

/**
 * The estimate, or null when the variables do not coerce: then graphql-js
 * refuses the whole operation before any resolver runs.
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
): CostEstimate | null {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) return null;
  const queryFields = schema.getQueryType()?.getFields() ?? {};
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);

  // Fields with the same response key are executed once (graphql-js merges them).
  const byKey = new Map<string, FieldCost>();
  const visit = (set: SelectionSetNode, inFragments: ReadonlySet<string>): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, inFragments);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (fragment && !inFragments.has(name))
          visit(fragment.selectionSet, new Set([...inFragments, name]));
      } else {
        const field = selection.name.value;
        const key = selection.alias?.value ?? field;
        const definition = queryFields[field];
        if (field.startsWith('__') || !definition || byKey.has(key)) continue;
        const metric = METRIC_COSTS[field] ?? UNLISTED;
        const selected = selection.selectionSet
          ? selectedNames(selection.selectionSet, fragments)
          : new Set<string>();
        let cost = metric.weight;
        try {
          const args = getArgumentValues(definition, selection, coerced.coerced);
          cost = fieldCost(metric, args, selected);
        } catch {
          // arguments that do not coerce: execution refuses this field; count it once
        }
        byKey.set(key, { key, field, cost });
      }
    }
  };
  visit(operation.selectionSet, new Set());
  const fields = [...byKey.values()];
  return { total: fields.reduce((sum, f) => sum + f.cost, 0), fields };
}

/** The names of every field selected below a field (fragments followed, each once). */
function selectedNames(
  set: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  seen: Set<string> = new Set(),
  names: Set<string> = new Set(),
): Set<string> {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      names.add(selection.name.value);
      if (selection.selectionSet) selectedNames(selection.selectionSet, fragments, seen, names);
    } else if (selection.kind === Kind.INLINE_FRAGMENT)
      selectedNames(selection.selectionSet, fragments, seen, names);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) selectedNames(fragment.selectionSet, fragments, seen, names);
    }
  }
  return names;
}
