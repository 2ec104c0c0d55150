// How swc compiles the project's TypeScript, for the app (scripts/ts.js) and the tests (jest.config.js) alike.
"use strict";
module.exports = { jsc: { target: "es2022", parser: { syntax: "typescript" } } };
