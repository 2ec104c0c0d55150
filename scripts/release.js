#!/usr/bin/env node
// The release workflow's own checks (README, Releasing), runnable anywhere:
//   node scripts/release.js check <tag>   the tag, package.json's version and CHANGELOG.md's newest
//                                         entry name one version, and that entry is not unreleased
//   node scripts/release.js npmrc         adds the registry's token line to the user's .npmrc: the
//                                         token is read from NODE_AUTH_TOKEN when npm runs, never written
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.join(__dirname, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

function check(tag) {
  const problems = [];
  const changelog = fs.readFileSync(path.join(root, "CHANGELOG.md"), "utf8");
  const newest = /^## (\S+)(.*)$/m.exec(changelog);
  if (tag !== `v${pkg.version}`) problems.push(`tag ${tag} does not name package.json's version ${pkg.version}: tag v${pkg.version}, or set the version with npm version`);
  if (!newest) problems.push("CHANGELOG.md has no '## <version>' entry");
  else {
    if (newest[1] !== pkg.version) problems.push(`CHANGELOG.md's newest entry is ${newest[1]}, package.json's version is ${pkg.version}: record the release under '## ${pkg.version}'`);
    if (/unreleased/i.test(newest[2])) problems.push(`CHANGELOG.md's entry '## ${newest[1]}${newest[2]}' is marked unreleased: drop the mark in the release commit`);
  }
  if (problems.length > 0) {
    console.error(`release ${tag} refused:\n${problems.map((p) => `- ${p}`).join("\n")}`);
    process.exit(1);
  }
  console.log(`release ${tag}: package.json and CHANGELOG.md agree on ${pkg.version}`);
}

function npmrc() {
  const registry = new URL(pkg.publishConfig.registry);
  const file = process.env.NPM_CONFIG_USERCONFIG || path.join(os.homedir(), ".npmrc");
  // npm expands ${NODE_AUTH_TOKEN} itself when it reads the file: the token stays in the environment.
  fs.appendFileSync(file, `//${registry.host}${registry.pathname}:_authToken=\${NODE_AUTH_TOKEN}\n`);
  console.log(`${file}: token for ${registry.origin}${registry.pathname} from NODE_AUTH_TOKEN`);
}

const [command, arg] = process.argv.slice(2);
if (command === "check" && arg) check(arg);
else if (command === "npmrc") npmrc();
else {
  console.error("usage: node scripts/release.js check <tag> | npmrc");
  process.exit(2);
}
