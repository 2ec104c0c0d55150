import { App } from "cdktf";
import { addBootstrapStacks, addStacks } from "../../../lib/app";
import { configRules } from "../../../lib/config/rules";
import { INNER, shown, VALIDATORS, VARIANTS, watched, withValidatorsWrapped } from "./props-support";

// The config runs every construct's own rules on the props the stacks will
// pass (lib/config/rules.ts builds them a second time, to name each prop by
// its config path). This proves the two agree: every validate call the
// stacks make is made by the config with the same values, for the example
// and for variants that switch on every optional construct.


// Checked by both, but not compared: GithubOidcRole. The bootstrap stack makes a deploy role and a state reader, with
// statements read off the stacks; the config checks one role with a stand-in statement (construct-paths.test.ts names it).
const NOT_COMPARED = new Set(["GithubOidcRole"]);
// Run by the stacks only: ProjectServices, whose APIs are the app's list (each stack's needs), named by no config path.
const STACKS_ONLY = new Set(["ProjectServices"]);

/** Values the stacks know only as references to other resources, and the config checks as the values it configures. */
const REFERENCE_IN_STACKS: Record<string, string[]> = {
  // The namespace resource's name, so the CronJob is created after its namespace.
  ConnectivityCheck: ["namespace"],
  // The address resource's name and the namespace resource's, so the Service is created after them.
  InternalLoadBalancerService: ["addressName", "namespace"],
  // The host project's and the subnet's resources, so the attachment and grants follow them.
  SharedVpcServiceProject: ["hostProject", "subnets[0].name"],
};

/** What every validate call made while `run` runs read, per construct: one sorted list of reads per call. */
function validateCalls(run: () => void): Map<string, string[]> {
  const made: Array<[string, Set<string>]> = [];
  withValidatorsWrapped(
    VALIDATORS,
    (name, props, v) => {
      const reads = new Set<string>();
      made.push([name, reads]);
      return [watched(props, "", (at, value) => reads.add(`${at}=${shown(value)}`)), v];
    },
    run,
  );
  const calls = new Map<string, string[]>();
  for (const [name, reads] of made) {
    const kept = [...reads].filter((read) => !(REFERENCE_IN_STACKS[name] ?? []).some((field) => read.startsWith(`${field}=`) || read.startsWith(`${field}.`)));
    (calls.get(name) ?? calls.set(name, []).get(name)!).push(kept.sort().join(" "));
  }
  for (const list of calls.values()) list.sort();
  return calls;
}

// One test per variant, which makes all it compares: mutation testing runs only the tests that executed a mutant, so a
// test reading results another test made would go unrun.
test.each(VARIANTS)("for %s, the config checks every construct the stacks build (but those built inside another), with the props the stacks pass", (_name, variant) => {
  const config = variant();
  const byConfig = validateCalls(() => configRules(config));
  const byStacks = validateCalls(() => {
    const app = new App();
    addBootstrapStacks(app, config, addStacks(app, config));
  });
  // The constructs not compared are checked too.
  const checked = (calls: Map<string, string[]>) => [...calls.keys()].filter((name) => !INNER.has(name) && !STACKS_ONLY.has(name)).sort();
  expect(checked(byConfig)).toEqual(checked(byStacks));
  const outer = (calls: Map<string, string[]>) => Object.fromEntries([...calls].filter(([name]) => !INNER.has(name) && !NOT_COMPARED.has(name) && !STACKS_ONLY.has(name)).sort(([a], [b]) => a.localeCompare(b)));
  expect(outer(byConfig)).toEqual(outer(byStacks));
});
