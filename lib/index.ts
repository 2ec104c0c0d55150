// The app as a library (`@psc-hybrid/gke-aws-psc/app`): for a cdktf project
// that builds this system's stacks from a config file of its own, alongside
// its other stacks. An explicit list; `api/app.api.md` is its reviewed report.
export { addBootstrapStacks, addStacks } from "./app";
export type { PipelineBootstrapStacks, PscHybridStacks } from "./app";
export { loadConfig, parseConfig, validateConfig } from "./config/load";
export type { ValidatedConfig } from "./config/load";
export { ConfigError } from "./config/problems";
export type { ConfigProblem } from "./config/problems";
// ConfigError's base class and ConfigProblem's shape: the library's, the same
// objects as `@psc-hybrid/gke-aws-psc` exports (catch a UserError from either).
export { UserError } from "../constructs/core/errors";
export type { Problem } from "../constructs/core/errors";
// The config file's schema (zod): Config and ConfigInput are its output and
// input types, so the report shows every key here.
export { configSchema } from "./config/schema";
export type { Config, ConfigInput, TenantConfig } from "./config/schema";
export { networkPlan } from "./plan";
export type { PlannedRange, PlanNetwork } from "./plan";
