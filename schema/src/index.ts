export * from './domain.ts';
export * from './env.ts';
export * from './errors.ts';
export * from './db.ts';
export * from './readers.ts';
export * from './ddl.ts';
export * from './tables.ts';
export * from './migrate.ts';
export { MIGRATIONS, type Migration, type MigrationStep } from './migrations/index.ts';
export {
  refreshDerived,
  DERIVED_TABLES,
  skipsLoads,
  type DerivedTable,
  type RefreshContext,
} from './derived/index.ts';
export { loadedEventTypes } from './derived/refresh-steps.ts';
export { rebuildDerived } from './derived/rebuild.ts';
export {
  applyPatches,
  patchState,
  type AppliedPatches,
  type PatchState,
} from './derived/patches.ts';
export { MODEL_RUN, CASE_SCORE } from './derived/model-tables.ts';
