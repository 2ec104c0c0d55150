// cdktf records the full stack trace of every token it creates, for its own
// error messages (about 800 tokens per synth of the example, and some as cdktf
// loads), and constructs one for every annotation (the policy checks'
// notices). Under jest each trace goes through source-map-support, which
// parses and sorts source maps: half the suite's time. No test reads those
// traces, and none of them reaches the synthesized JSON, so tests record none.
// Replaced before anything loads cdktf (hence require, not hoisted imports).
for (const id of ["cdktf/lib/tokens/private/stack-trace", "constructs/lib/private/stack-trace"]) {
  Object.assign(require(id), { captureStackTrace: (): string[] => [] });
}

// Registers cdktf's jest matchers (toHaveResourceWithProperties, ...); the
// type-only import brings their declarations.
import type {} from "cdktf/lib/testing/adapters/jest";
const { Testing } = require("cdktf") as typeof import("cdktf");
require("cdktf/lib/testing/adapters/jest");
Testing.setupJest();
