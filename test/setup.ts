// Registers cdktf's jest matchers (toHaveResourceWithProperties, ...).
import { Testing } from "cdktf";
import "cdktf/lib/testing/adapters/jest";

Testing.setupJest();
