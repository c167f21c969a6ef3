/**
 * Observability computed from traces (pure: no Node, no DOM): access logs (`$context` templates and the console's
 * presets), REST execution logs (INFO/ERROR), and CloudWatch metrics per stage, method and minute.
 */
export {
  ACCESS_LOG_PRESETS,
  HTTP_API_ACCESS_LOG_PRESETS,
  accessLogPreset,
  formatAccessLog,
  formatClfLine,
  unknownAccessLogVariables,
  type AccessLogPresetName,
} from './access-log.js';
export { contextValue, isKnownContextVariable, type ContextExtra } from './context-variables.js';
export { executionLogLines, type ExecutionLogLevel, type ExecutionLogOptions } from './execution-log.js';
export {
  MetricsRecorder,
  nearestRank,
  type MetricStatistics,
  type MetricsOptions,
  type MetricsPeriod,
  type MetricsSeries,
  type MetricsSnapshot,
  type PerSecondSeries,
} from './metrics.js';
