import { synthApp } from "./helpers";

// The whole picture: one snapshot per stack of the bundled example config,
// exactly as `cdktf synth` writes it. The snapshot diff is what reviewers read.
describe("example config", () => {
  const { byName } = synthApp();

  test("synthesizes the five kinds of stack, one consumer and one workloads stack per tenant", () => {
    expect(Object.keys(byName).sort()).toEqual(["aws", "consumer-team-a", "consumer-team-b", "producer", "tunnels", "workloads-team-a", "workloads-team-b"]);
  });

  test.each(["producer", "aws", "tunnels", "consumer-team-a", "workloads-team-a", "consumer-team-b", "workloads-team-b"])("stack %s matches its snapshot", (name) => {
    expect(byName[name].text).toMatchSnapshot();
  });
});
