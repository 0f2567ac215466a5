/**
 * The naming rule of docs/api.md "Naming": where an older name differs from the
 * common one, the common one is added beside it and the older one is deprecated
 * with a reason naming its replacement, which exists on the same type or field.
 * Nothing is removed (the older names still answer: each metric's test compares both).
 */
import { isInputObjectType, isObjectType, type GraphQLNamedType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiSchema } from './schema.ts';

interface Deprecated {
  path: string;
  reason: string;
  /** The names beside it (sibling arguments, fields or input fields). */
  siblings: string[];
}

function deprecatedIn(type: GraphQLNamedType): Deprecated[] {
  const out: Deprecated[] = [];
  if (isObjectType(type))
    for (const field of Object.values(type.getFields())) {
      const fields = Object.keys(type.getFields());
      if (field.deprecationReason)
        out.push({
          path: `${type.name}.${field.name}`,
          reason: field.deprecationReason,
          siblings: fields,
        });
      for (const arg of field.args)
        if (arg.deprecationReason)
          out.push({
            path: `${type.name}.${field.name}(${arg.name})`,
            reason: arg.deprecationReason,
            siblings: field.args.map((a) => a.name),
          });
    }
  if (isInputObjectType(type))
    for (const field of Object.values(type.getFields()))
      if (field.deprecationReason)
        out.push({
          path: `${type.name}.${field.name}`,
          reason: field.deprecationReason,
          siblings: Object.keys(type.getFields()),
        });
  return out;
}

const all = async () =>
  Object.values((await apiSchema()).getTypeMap())
    .filter((t) => !t.name.startsWith('__'))
    .flatMap(deprecatedIn)
    .sort((a, b) => (a.path < b.path ? -1 : 1));

describe('naming: one name per thing, older names deprecated, never removed', () => {
  it('deprecates exactly the older names, each for a replacement beside it', async () => {
    const deprecated = await all();
    expect(deprecated.map((d) => d.path)).toEqual([
      'CaseFilter.agentIds', // → agents, as PortfolioFilter
      'ChannelEffectiveness.collected', // → amountCollected
      'ChannelEffectiveness.costPerCollected', // → costToCollect, as the KPI
      'LegalStage.recoveredPerCost', // → costToCollect (its inverse)
      'Query.agentPerformance(team)', // → filter: { teams }
      'Query.caseOutcomes(groupBy)', // → dimensions: [Dimension!]
      'Query.cases(portfolio)', // → filter (CaseFilter carries the dimensions)
      'Query.complianceReport(agentId)', // → filter: { agents }
      'Query.complianceReport(team)', // → filter: { teams }
      'Query.repaymentPlans(groupBy)', // → dimensions: [Dimension!]
    ]);
    for (const d of deprecated) {
      const replacement = /^Use (\w+)/.exec(d.reason)?.[1];
      expect(replacement, d.path).toBeDefined();
      expect(d.siblings, `${d.path}: ${d.reason}`).toContain(replacement);
    }
  });
});
