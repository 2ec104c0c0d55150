import { Construct } from "constructs";
import { PscNatSubnet } from "../../../constructs/gcp/psc-nat-subnet";
import { ServiceAttachment } from "../../../constructs/gcp/service-attachment";
import { network, synth } from "../support";

describe("ServiceAttachment", () => {
  const nat = (s: Construct) => new PscNatSubnet(s, "nat", { network: network(s), name: "nat", region: "europe-west1", ipCidrRange: "10.3.0.0/29" });

  test("ACCEPT_MANUAL with the accept list by default", () => {
    const out = synth((s) => new ServiceAttachment(s, "sa", { name: "sa", region: "europe-west1", targetService: "fr", natSubnets: [nat(s)], consumers: [{ project: "tenant-one", connectionLimit: 5 }] }));
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_service_attachment" }, {
      connection_preference: "ACCEPT_MANUAL",
      consumer_accept_lists: [{ project_id_or_num: "tenant-one", connection_limit: 5 }],
      enable_proxy_protocol: false,
    });
  });

  test("ACCEPT_AUTOMATIC only as an explicit opt-in", () => {
    const out = synth((s) => new ServiceAttachment(s, "sa", { name: "sa", region: "europe-west1", targetService: "fr", natSubnets: [nat(s)], consumers: [], acceptAllConsumers: true }));
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_service_attachment" }, { connection_preference: "ACCEPT_AUTOMATIC" });
  });

  test("fails when no NAT subnet is given", () => {
    expect(() => synth((s) => new ServiceAttachment(s, "sa", { name: "sa", region: "europe-west1", targetService: "fr", natSubnets: [], consumers: [] }))).toThrow(
      /natSubnets: must list at least one PSC NAT subnet/,
    );
  });

  test("fails when a project is listed twice", () => {
    const consumers = [
      { project: "tenant-one", connectionLimit: 5 },
      { project: "tenant-one", connectionLimit: 2 },
    ];
    expect(() => synth((s) => new ServiceAttachment(s, "sa", { name: "sa", region: "europe-west1", targetService: "fr", natSubnets: [nat(s)], consumers }))).toThrow(
      /consumers\[1\].project: must be unique: the service attachment accepts each project once \(also consumers\[0\].project\), got "tenant-one"/,
    );
  });
});
