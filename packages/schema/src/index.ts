export { configSchema, createConfigSchema, holdoutSchema } from './configSchema';
export type {
  Condition,
  ConfigDocument,
  ConfigDocumentInput,
  Experiment,
  ExperimentStatus,
  Funnel,
  FunnelStep,
  Holdout,
  Namespace,
  Rule,
  RuleContent,
  RuleTrigger,
  Variation,
} from './configSchema';
export { conditionSchema } from './conditionSchema';
export { experimentsSchema, namespaceSchema, variationSchema } from './experimentsSchema';
export { funnelsSchema } from './funnelsSchema';
export { rulesSchema, ruleContentSchema } from './rulesSchema';
export { findConditionIssues } from './findConditionIssues';
export type { ConditionIssue } from './findConditionIssues';
export { findNamespaceOverlaps } from './findNamespaceOverlaps';
export type { NamespaceOverlap, NamespacedExperiment } from './findNamespaceOverlaps';
export { validateConfig } from './validateConfig';
export type { ValidateConfigOptions, ValidateConfigResult } from './validateConfig';
export type { ConfigIssue } from './formatIssues';
export { generateJsonSchema, jsonSchemaText } from './generateJsonSchema';
export * from './wireSchema';
