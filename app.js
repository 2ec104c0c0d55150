// The app command (cdktf.json's "app", and the README's main command): runs
// main.ts under plain node. scripts/ts.js compiles each of the project's .ts
// files once and reuses the JavaScript while the file is unchanged; main.ts
// loads the packages it needs through a V8 code cache (lib/code-cache.ts).
"use strict";
require("./scripts/ts.js");
require("./main.ts");
