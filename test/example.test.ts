import { synthApp } from "./helpers";

// The whole picture: one snapshot per stack of the bundled example config,
// exactly as `cdktf synth` writes it. The snapshot diff is what reviewers read.
describe("example config", () => {
  const { byName } = synthApp();

  test("synthesizes every kind of stack: one consumer and one workloads stack per tenant, a project and a hub stack per routed tenant", () => {
    expect(Object.keys(byName).sort()).toEqual(["aws", "consumer-team-a", "consumer-team-b", "consumer-team-c", "hub-team-c", "producer", "project-team-c", "tunnels", "workloads-team-a", "workloads-team-b", "workloads-team-c"]);
  });

  test.each(["producer", "aws", "tunnels", "consumer-team-a", "workloads-team-a", "consumer-team-b", "workloads-team-b", "project-team-c", "hub-team-c", "consumer-team-c", "workloads-team-c"])("stack %s matches its snapshot", (name) => {
    expect(byName[name].text).toMatchSnapshot();
  });
});
