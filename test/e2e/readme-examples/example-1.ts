import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { HybridNegLoadBalancer, ProxyOnlySubnet, PscNatSubnet, ServiceAttachment, VpcNetwork } from "@psc-hybrid/gke-aws-psc";

export class PublishedApiStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GoogleProvider(this, "google", { project: "my-producer", region: "europe-west1" });
    const network = new VpcNetwork(this, "network", { name: "producer" });
    const frontend = network.addSubnet("frontend", { name: "frontend", region: "europe-west1", ipCidrRange: "10.20.0.0/24" });
    const proxyOnly = new ProxyOnlySubnet(this, "proxy-only", { network, name: "proxy-only", region: "europe-west1", ipCidrRange: "10.20.1.0/26" });
    const nat = new PscNatSubnet(this, "psc-nat", { network, name: "psc-nat", region: "europe-west1", ipCidrRange: "10.20.2.0/28" });
    const lb = new HybridNegLoadBalancer(this, "api", {
      name: "api", region: "europe-west1", zone: "europe-west1-b", network, subnetwork: frontend, proxyOnlySubnet: proxyOnly,
      endpoints: [{ ipAddress: "192.168.50.10", port: 8080 }],
    });
    new ServiceAttachment(this, "attachment", {
      name: "api", region: "europe-west1", targetService: lb.forwardingRule.id, natSubnets: [nat],
      consumers: [{ project: "team-a-project", connectionLimit: 5 }],
    });
  }
}
