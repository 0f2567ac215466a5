/** Test support shared by the equality registries (explore.equality*.ts): a slice and its variables. */
import type { PortfolioFilter } from '../../filters/portfolio-filter.ts';

export interface Slice {
  readonly from: string;
  readonly to: string;
  readonly filter?: PortfolioFilter;
}

/** A group's figures by name. */
export type Figures = Record<string, number | null>;

/** The variables of a named metric's query over a slice. */
export const sliceVars = (slice: Slice) => ({
  from: slice.from,
  to: slice.to,
  filter: slice.filter ?? null,
});
