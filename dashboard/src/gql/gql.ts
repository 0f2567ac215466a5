/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AgentPerformance($from: String!, $to: String!, $team: String, $limit: Int, $offset: Int) {\n    agentPerformance(from: $from, to: $to, team: $team, limit: $limit, offset: $offset) {\n      total\n      rows {\n        agentId\n        agentName\n        team\n        attempts\n        rpcs\n        rpcRate\n        promises\n        promiseRate\n        keptRate\n        amountCollected\n        casesWorked\n        talkSeconds\n        collectedPerTalkHour\n        violations\n      }\n    }\n  }\n": typeof types.AgentPerformanceDocument,
    "\n  query TeamPerformance($from: String!, $to: String!) {\n    teamPerformance(from: $from, to: $to) {\n      team\n      agents\n      attempts\n      rpcs\n      rpcRate\n      promises\n      promiseRate\n      keptRate\n      amountCollected\n      casesWorked\n      talkSeconds\n      collectedPerTalkHour\n      violations\n    }\n  }\n": typeof types.TeamPerformanceDocument,
    "\n  query LossForecast($months: Int!, $lookbackMonths: Int!, $filter: PortfolioFilter) {\n    lossForecast(months: $months, lookbackMonths: $lookbackMonths, filter: $filter) {\n      baseMonth\n      lookbackFrom\n      lookbackTo\n      expectedChargeOffs\n      expectedChargeOffBalance\n      unobservedBuckets\n      start {\n        bucket\n        accounts\n        balance\n      }\n      months {\n        month\n        chargeOffs\n        chargeOffBalance\n        buckets {\n          bucket\n          accounts\n          balance\n        }\n      }\n    }\n  }\n": typeof types.LossForecastDocument,
    "\n  query CaseOutcomes($from: String!, $to: String!, $groupBy: [String!], $filter: PortfolioFilter) {\n    caseOutcomes(from: $from, to: $to, groupBy: $groupBy, filter: $filter) {\n      key\n      cases\n      outcomes {\n        outcome\n        cases\n        share\n      }\n      meanDaysToClose\n      medianDaysToClose\n      recovered\n      recoveryRate\n    }\n  }\n": typeof types.CaseOutcomesDocument,
    "\n  query Kpis($from: String!, $to: String!, $filter: PortfolioFilter) {\n    kpis(from: $from, to: $to, filter: $filter) {\n      from\n      to\n      asOf\n      kpis {\n        name\n        value\n        previous\n      }\n    }\n  }\n": typeof types.KpisDocument,
    "\n  query RollRates($fromMonth: String!, $toMonth: String!, $filter: PortfolioFilter) {\n    rollRates(fromMonth: $fromMonth, toMonth: $toMonth, filter: $filter) {\n      months {\n        month\n        unobserved\n        unobservedBalance\n        flows {\n          bucket\n          accounts\n          balance\n          unobserved\n          rollForwardRate\n          rollForwardBalanceRate\n          cureRate\n          cureBalanceRate\n          paidOffRate\n          paidOffBalanceRate\n        }\n        transitions {\n          from\n          to\n          accounts\n          balance\n          accountRate\n          balanceRate\n        }\n      }\n      pooledUnobserved\n      pooledFlows {\n        bucket\n        accounts\n        balance\n        unobserved\n        rollForwardRate\n        rollForwardBalanceRate\n        cureRate\n        cureBalanceRate\n        paidOffRate\n        paidOffBalanceRate\n      }\n      pooled {\n        from\n        to\n        accounts\n        balance\n        accountRate\n        balanceRate\n      }\n    }\n  }\n": typeof types.RollRatesDocument,
    "\n  query StrategyComparison(\n    $experiment: String!\n    $from: String!\n    $to: String!\n    $cureWithinDays: Int\n    $confidence: Float\n  ) {\n    strategyComparison(\n      experiment: $experiment\n      from: $from\n      to: $to\n      cureWithinDays: $cureWithinDays\n      confidence: $confidence\n    ) {\n      experiment\n      champion\n      cureWithinDays\n      verdict\n      arms {\n        strategy\n        cases\n        matureCases\n        cured\n        cureRate\n        cureRateCI {\n          low\n          high\n        }\n        recoveryRate\n        recoveryRateCI {\n          low\n          high\n        }\n        costPerCase\n        netRecoveryPerCase\n        liftVsChampion\n        relativeLift\n        pValue\n        significant\n      }\n    }\n  }\n": typeof types.StrategyComparisonDocument,
    "\n  query AsOf {\n    asOf {\n      date\n      instant\n    }\n  }\n": typeof types.AsOfDocument,
    "\n  query Dimensions {\n    dimensions {\n      portfolios\n      products\n      regions\n      riskGrades\n      experiments\n    }\n  }\n": typeof types.DimensionsDocument,
};
const documents: Documents = {
    "\n  query AgentPerformance($from: String!, $to: String!, $team: String, $limit: Int, $offset: Int) {\n    agentPerformance(from: $from, to: $to, team: $team, limit: $limit, offset: $offset) {\n      total\n      rows {\n        agentId\n        agentName\n        team\n        attempts\n        rpcs\n        rpcRate\n        promises\n        promiseRate\n        keptRate\n        amountCollected\n        casesWorked\n        talkSeconds\n        collectedPerTalkHour\n        violations\n      }\n    }\n  }\n": types.AgentPerformanceDocument,
    "\n  query TeamPerformance($from: String!, $to: String!) {\n    teamPerformance(from: $from, to: $to) {\n      team\n      agents\n      attempts\n      rpcs\n      rpcRate\n      promises\n      promiseRate\n      keptRate\n      amountCollected\n      casesWorked\n      talkSeconds\n      collectedPerTalkHour\n      violations\n    }\n  }\n": types.TeamPerformanceDocument,
    "\n  query LossForecast($months: Int!, $lookbackMonths: Int!, $filter: PortfolioFilter) {\n    lossForecast(months: $months, lookbackMonths: $lookbackMonths, filter: $filter) {\n      baseMonth\n      lookbackFrom\n      lookbackTo\n      expectedChargeOffs\n      expectedChargeOffBalance\n      unobservedBuckets\n      start {\n        bucket\n        accounts\n        balance\n      }\n      months {\n        month\n        chargeOffs\n        chargeOffBalance\n        buckets {\n          bucket\n          accounts\n          balance\n        }\n      }\n    }\n  }\n": types.LossForecastDocument,
    "\n  query CaseOutcomes($from: String!, $to: String!, $groupBy: [String!], $filter: PortfolioFilter) {\n    caseOutcomes(from: $from, to: $to, groupBy: $groupBy, filter: $filter) {\n      key\n      cases\n      outcomes {\n        outcome\n        cases\n        share\n      }\n      meanDaysToClose\n      medianDaysToClose\n      recovered\n      recoveryRate\n    }\n  }\n": types.CaseOutcomesDocument,
    "\n  query Kpis($from: String!, $to: String!, $filter: PortfolioFilter) {\n    kpis(from: $from, to: $to, filter: $filter) {\n      from\n      to\n      asOf\n      kpis {\n        name\n        value\n        previous\n      }\n    }\n  }\n": types.KpisDocument,
    "\n  query RollRates($fromMonth: String!, $toMonth: String!, $filter: PortfolioFilter) {\n    rollRates(fromMonth: $fromMonth, toMonth: $toMonth, filter: $filter) {\n      months {\n        month\n        unobserved\n        unobservedBalance\n        flows {\n          bucket\n          accounts\n          balance\n          unobserved\n          rollForwardRate\n          rollForwardBalanceRate\n          cureRate\n          cureBalanceRate\n          paidOffRate\n          paidOffBalanceRate\n        }\n        transitions {\n          from\n          to\n          accounts\n          balance\n          accountRate\n          balanceRate\n        }\n      }\n      pooledUnobserved\n      pooledFlows {\n        bucket\n        accounts\n        balance\n        unobserved\n        rollForwardRate\n        rollForwardBalanceRate\n        cureRate\n        cureBalanceRate\n        paidOffRate\n        paidOffBalanceRate\n      }\n      pooled {\n        from\n        to\n        accounts\n        balance\n        accountRate\n        balanceRate\n      }\n    }\n  }\n": types.RollRatesDocument,
    "\n  query StrategyComparison(\n    $experiment: String!\n    $from: String!\n    $to: String!\n    $cureWithinDays: Int\n    $confidence: Float\n  ) {\n    strategyComparison(\n      experiment: $experiment\n      from: $from\n      to: $to\n      cureWithinDays: $cureWithinDays\n      confidence: $confidence\n    ) {\n      experiment\n      champion\n      cureWithinDays\n      verdict\n      arms {\n        strategy\n        cases\n        matureCases\n        cured\n        cureRate\n        cureRateCI {\n          low\n          high\n        }\n        recoveryRate\n        recoveryRateCI {\n          low\n          high\n        }\n        costPerCase\n        netRecoveryPerCase\n        liftVsChampion\n        relativeLift\n        pValue\n        significant\n      }\n    }\n  }\n": types.StrategyComparisonDocument,
    "\n  query AsOf {\n    asOf {\n      date\n      instant\n    }\n  }\n": types.AsOfDocument,
    "\n  query Dimensions {\n    dimensions {\n      portfolios\n      products\n      regions\n      riskGrades\n      experiments\n    }\n  }\n": types.DimensionsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentPerformance($from: String!, $to: String!, $team: String, $limit: Int, $offset: Int) {\n    agentPerformance(from: $from, to: $to, team: $team, limit: $limit, offset: $offset) {\n      total\n      rows {\n        agentId\n        agentName\n        team\n        attempts\n        rpcs\n        rpcRate\n        promises\n        promiseRate\n        keptRate\n        amountCollected\n        casesWorked\n        talkSeconds\n        collectedPerTalkHour\n        violations\n      }\n    }\n  }\n"): typeof import('./graphql').AgentPerformanceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TeamPerformance($from: String!, $to: String!) {\n    teamPerformance(from: $from, to: $to) {\n      team\n      agents\n      attempts\n      rpcs\n      rpcRate\n      promises\n      promiseRate\n      keptRate\n      amountCollected\n      casesWorked\n      talkSeconds\n      collectedPerTalkHour\n      violations\n    }\n  }\n"): typeof import('./graphql').TeamPerformanceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LossForecast($months: Int!, $lookbackMonths: Int!, $filter: PortfolioFilter) {\n    lossForecast(months: $months, lookbackMonths: $lookbackMonths, filter: $filter) {\n      baseMonth\n      lookbackFrom\n      lookbackTo\n      expectedChargeOffs\n      expectedChargeOffBalance\n      unobservedBuckets\n      start {\n        bucket\n        accounts\n        balance\n      }\n      months {\n        month\n        chargeOffs\n        chargeOffBalance\n        buckets {\n          bucket\n          accounts\n          balance\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').LossForecastDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseOutcomes($from: String!, $to: String!, $groupBy: [String!], $filter: PortfolioFilter) {\n    caseOutcomes(from: $from, to: $to, groupBy: $groupBy, filter: $filter) {\n      key\n      cases\n      outcomes {\n        outcome\n        cases\n        share\n      }\n      meanDaysToClose\n      medianDaysToClose\n      recovered\n      recoveryRate\n    }\n  }\n"): typeof import('./graphql').CaseOutcomesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Kpis($from: String!, $to: String!, $filter: PortfolioFilter) {\n    kpis(from: $from, to: $to, filter: $filter) {\n      from\n      to\n      asOf\n      kpis {\n        name\n        value\n        previous\n      }\n    }\n  }\n"): typeof import('./graphql').KpisDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RollRates($fromMonth: String!, $toMonth: String!, $filter: PortfolioFilter) {\n    rollRates(fromMonth: $fromMonth, toMonth: $toMonth, filter: $filter) {\n      months {\n        month\n        unobserved\n        unobservedBalance\n        flows {\n          bucket\n          accounts\n          balance\n          unobserved\n          rollForwardRate\n          rollForwardBalanceRate\n          cureRate\n          cureBalanceRate\n          paidOffRate\n          paidOffBalanceRate\n        }\n        transitions {\n          from\n          to\n          accounts\n          balance\n          accountRate\n          balanceRate\n        }\n      }\n      pooledUnobserved\n      pooledFlows {\n        bucket\n        accounts\n        balance\n        unobserved\n        rollForwardRate\n        rollForwardBalanceRate\n        cureRate\n        cureBalanceRate\n        paidOffRate\n        paidOffBalanceRate\n      }\n      pooled {\n        from\n        to\n        accounts\n        balance\n        accountRate\n        balanceRate\n      }\n    }\n  }\n"): typeof import('./graphql').RollRatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StrategyComparison(\n    $experiment: String!\n    $from: String!\n    $to: String!\n    $cureWithinDays: Int\n    $confidence: Float\n  ) {\n    strategyComparison(\n      experiment: $experiment\n      from: $from\n      to: $to\n      cureWithinDays: $cureWithinDays\n      confidence: $confidence\n    ) {\n      experiment\n      champion\n      cureWithinDays\n      verdict\n      arms {\n        strategy\n        cases\n        matureCases\n        cured\n        cureRate\n        cureRateCI {\n          low\n          high\n        }\n        recoveryRate\n        recoveryRateCI {\n          low\n          high\n        }\n        costPerCase\n        netRecoveryPerCase\n        liftVsChampion\n        relativeLift\n        pValue\n        significant\n      }\n    }\n  }\n"): typeof import('./graphql').StrategyComparisonDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AsOf {\n    asOf {\n      date\n      instant\n    }\n  }\n"): typeof import('./graphql').AsOfDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dimensions {\n    dimensions {\n      portfolios\n      products\n      regions\n      riskGrades\n      experiments\n    }\n  }\n"): typeof import('./graphql').DimensionsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
