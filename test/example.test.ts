import { synthApp } from "./helpers";

// The whole picture: one snapshot per stack of the bundled example config,
// exactly as `cdktf synth` writes it. The snapshot diff is what reviewers read.
describe("example config", () => {
  const { byName } = synthApp();

  test("synthesizes the five stacks of the reference system", () => {
    expect(Object.keys(byName).sort()).toEqual(["aws", "consumer-team-a", "producer", "tunnels", "workloads-team-a"]);
  });

  test.each(["producer", "aws", "tunnels", "consumer-team-a", "workloads-team-a"])("stack %s matches its snapshot", (name) => {
    expect(byName[name].json).toMatchSnapshot();
  });
});
