export {
  loadPaths,
  type LoadOptions,
  type LoadSummary,
  type LoadProgress,
  type LoadStep,
} from './load/index.ts';
export { watchInbox, type WatchOptions } from './watch.ts';
export { QUARANTINE_REASONS, type QuarantineReason } from './validate/index.ts';
export {
  trainModel,
  dataAsOf,
  type ModelRun,
  type RunMetrics,
  type DecileRow,
} from './score/train.ts';
export { scoreOpenCases, latestRun, type StoredRun } from './score/score.ts';
export { refreshScores, refreshLine, type RefreshedScores } from './score/refresh.ts';
export { TARGETS, type Target } from './score/model.ts';
