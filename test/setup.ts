// Registers cdktf's jest matchers (toHaveResourceWithProperties, ...).
import { Testing } from "cdktf";
import "cdktf/lib/testing/adapters/jest";
import * as stackTrace from "cdktf/lib/tokens/private/stack-trace";

Testing.setupJest();

// cdktf records the full stack trace of every token it creates, for its own
// error messages (about 800 tokens per synth of the example). Under jest each
// trace goes through source-map-support, which parses and sorts source maps:
// half the suite's time. No test reads those traces, and none of them reaches
// the synthesized JSON, so tests record none.
Object.assign(stackTrace, { captureStackTrace: (): string[] => [] });
