// The benchmark's floor: a compiled cdktf app with one empty stack, run by plain node.
// Nothing an app can do costs less; every figure of `npm run bench` is a ratio to it.
const { App, TerraformStack } = require("cdktf");

const app = new App();
new TerraformStack(app, "empty");
app.synth();
