import { ContainerCluster } from "@cdktf/provider-google/lib/container-cluster";
import type { ContainerNodePool } from "@cdktf/provider-google/lib/container-node-pool";
import { ProjectIamMember } from "@cdktf/provider-google/lib/project-iam-member";
import { ServiceAccount } from "@cdktf/provider-google/lib/service-account";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { parseCidr } from "../core/cidr";
import { GKE_CLUSTER_NAME_MAX_LENGTH, GKE_MAX_PODS_PER_NODE, GKE_REGIONAL_CLUSTER_ZONES, PREFIX_LIMITS } from "../core/limits";
import { suppressPolicy } from "../core/policy";
import { Described } from "../core/errors";
import { PropsValidator, validateProps } from "../core/validation";
import { IGkeSubnet } from "./gke-subnet";
import { INetwork } from "./vpc-network";

/** A range allowed to reach the control plane's private endpoint. */
export interface AuthorizedNetwork {
  /** IPv4 range (private). */
  readonly cidr: string;
  /** What the range is (shown in the console). */
  readonly displayName: string;
}

/** Where a Kubernetes client (kubectl, Terraform's Kubernetes provider) reaches the cluster's API server. */
export interface KubernetesApiEndpoint {
  /** `https://` URL of the API server. */
  readonly host: string;
  /** PEM CA certificate to trust, when the endpoint's certificate is not publicly trusted. */
  readonly clusterCaCertificate?: string;
}

/** The node pool of a Standard cluster. */
export interface StandardNodePool {
  /** Machine type. @default "e2-standard-2" */
  readonly machineType?: string;
  /** Fewest nodes per zone. @default 1 */
  readonly minNodesPerZone?: number;
  /** Most nodes per zone. @default 3 */
  readonly maxNodesPerZone?: number;
  /** Boot disk size. @default 50 */
  readonly diskSizeGb?: number;
  /**
   * Most pods on one node, 8-256. GKE gives each node a block of the pod
   * range holding twice this many addresses (32: a /26, 110: a /24), so
   * it bounds how many nodes the pod range can hold.
   * @default 32
   */
  readonly maxPodsPerNode?: number;
}

/** What a Standard node pool gets for the settings it leaves out. */
export const STANDARD_POOL_DEFAULTS = { machineType: "e2-standard-2", minNodesPerZone: 1, maxNodesPerZone: 3, diskSizeGb: 50, maxPodsPerNode: 32 } as const;

/** Prefix length of the pod-range block GKE gives each node: the smallest block with twice `maxPodsPerNode` addresses. */
export function podBlockPrefix(maxPodsPerNode: number): number {
  return 32 - Math.ceil(Math.log2(2 * maxPodsPerNode));
}

/** The cluster modes, and the rule naming them. */
export const GKE_MODES = ["autopilot", "standard"] as const;
export const GKE_MODE_RULE = "must be 'autopilot' or 'standard'";

export interface PrivateGkeClusterProps {
  /** Name of the cluster (at most 40 characters: GKE limit). */
  readonly name: string;
  /** Region of the (regional) cluster: a region like asia-northeast1, not a zone. */
  readonly location: string;
  /** Network of the cluster. */
  readonly network: INetwork;
  /** Node subnet; its secondary ranges hold pods and services (a Standard cluster checks its pod range holds the nodes when `podsCidr` is known). */
  readonly subnet: IGkeSubnet;
  /**
   * Project of the cluster. Required in Standard mode, whose Workload
   * Identity pool is named after the project.
   * @default - the provider's project
   */
  readonly project?: string;
  /**
   * Autopilot (Google manages nodes; Workload Identity, Dataplane V2 and
   * Shielded nodes always on) or Standard (a node pool managed here, with
   * the same settings made explicit).
   * @default "autopilot"
   */
  readonly mode?: "autopilot" | "standard";
  /** Node pool of a Standard cluster; Autopilot forbids it. @default - e2-standard-2, 1-3 nodes per zone */
  readonly nodePool?: StandardNodePool;
  /** Release channel. @default "REGULAR" */
  readonly releaseChannel?: "RAPID" | "REGULAR" | "STABLE";
  /**
   * Refuse `terraform destroy` of the cluster. Turn off only for throwaway
   * environments.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Serve user traffic on the control plane's DNS-based endpoint: kubectl and
   * Terraform reach it with IAM authorisation from any network, without a
   * bastion. false refuses user traffic on it from every network, the
   * cluster's own VPC included (`allow_external_traffic`: "whether user
   * traffic is allowed over this endpoint"); clients then use the private
   * IP endpoint (`apiEndpoint` says which).
   * @default true
   */
  readonly dnsEndpoint?: boolean;
  /**
   * Ranges allowed to reach the control plane's private IP endpoint (e.g. a
   * CI runner's subnet or an admin VPN). An allowlist, not a route: a range
   * outside the cluster's VPC reaches the endpoint only over connectivity
   * into that VPC (Cloud VPN or Interconnect in the cluster's region).
   * @default - none: only the cluster's own VPC
   */
  readonly authorizedNetworks?: readonly AuthorizedNetwork[];
  /**
   * Give the control plane a public IP endpoint as well. An explicit opt-in:
   * the DNS endpoint serves the same purpose without a public IP.
   * @default false
   */
  readonly publicEndpoint?: boolean;
  /** A /28 for a peering-based private control plane. @default - none: GKE's PSC-based control plane */
  readonly controlPlaneCidr?: string;
  /**
   * Email of the nodes' service account.
   * @default - a dedicated account created here with only roles/container.defaultNodeServiceAccount (not the Compute default account, which is Editor)
   */
  readonly nodeServiceAccount?: string;
}

/**
 * A VPC-native, private GKE cluster (Google Cloud docs, "About network
 * isolation in GKE"): nodes have internal addresses only, the control plane
 * has no public IP endpoint unless asked for, Workload Identity and
 * Dataplane V2 are on, nodes run as a least-privilege service account.
 */
export class PrivateGkeCluster extends Construct {
  /** Longest `name` accepted (GKE limit). */
  static readonly MAX_NAME_LENGTH = GKE_CLUSTER_NAME_MAX_LENGTH;

  /** Records every problem (and warning) with the props in `v`. */
  static validate(props: PrivateGkeClusterProps, v: PropsValidator): void {
    const mode = props.mode ?? "autopilot";
    v.gcpName("name", props.name, PrivateGkeCluster.MAX_NAME_LENGTH, "(GKE cluster names)");
    v.gcpRegion("location", props.location);
    v.oneOf("mode", mode, GKE_MODES, GKE_MODE_RULE);
    if (mode === "autopilot") {
      v.check(props.nodePool === undefined, "nodePool", new Described("a node pool"), "is a Standard-mode option: Autopilot manages nodes itself", {
        fix: `remove it, or set ${v.name("mode")} to standard`,
      });
    } else {
      v.check(props.project !== undefined, "project", props.project, "is required in Standard mode (the Workload Identity pool is <project>.svc.id.goog)");
      const pool = { ...STANDARD_POOL_DEFAULTS, ...props.nodePool };
      const { minNodesPerZone: min, maxNodesPerZone: max, maxPodsPerNode: maxPods } = pool;
      v.check(Number.isInteger(min) && min >= 0, "nodePool.minNodesPerZone", min, "must be a whole number of at least 0");
      v.check(Number.isInteger(max) && max >= Math.max(1, min), "nodePool.maxNodesPerZone", max, `must be a whole number of at least 1 and at least ${v.name("nodePool.minNodesPerZone")} (${min})`);
      v.check(Number.isInteger(pool.diskSizeGb) && pool.diskSizeGb >= 10, "nodePool.diskSizeGb", pool.diskSizeGb, "must be a whole number of at least 10");
      const { min: fewest, max: most } = GKE_MAX_PODS_PER_NODE;
      v.check(Number.isInteger(maxPods) && maxPods >= fewest && maxPods <= most, "nodePool.maxPodsPerNode", maxPods, `must be a whole number from ${fewest} to ${most} (GKE Standard)`);
      if (props.subnet.podsCidr !== undefined && Number.isInteger(maxPods) && maxPods >= fewest && maxPods <= most) podRangeCapacity(props.subnet.podsCidr, pool, props.nodePool ?? {}, v);
    }
    (props.authorizedNetworks ?? []).forEach((n, i) => v.privateCidr(`authorizedNetworks[${i}].cidr`, n.cidr));
    if (props.controlPlaneCidr !== undefined) v.privateCidr("controlPlaneCidr", props.controlPlaneCidr, PREFIX_LIMITS.gkeControlPlane);
  }

  readonly cluster: ContainerCluster;
  /** Name of the cluster. */
  readonly name: string;
  /** "autopilot" or "standard". */
  readonly mode: "autopilot" | "standard";
  /** DNS name of the control plane (`gke-<id>.<region>.gke.goog`): the Kubernetes API host while `dnsEndpointEnabled`. */
  readonly dnsEndpoint: string;
  /** Whether the DNS-based endpoint serves user traffic (the `dnsEndpoint` prop, default true). */
  readonly dnsEndpointEnabled: boolean;
  /** Internal IP address of the control plane's private endpoint, reachable from the cluster's VPC. */
  readonly privateEndpoint: string;
  /** The cluster's CA certificate, PEM (GKE returns it base64-encoded in `master_auth`): what a client of `privateEndpoint` trusts. */
  readonly caCertificate: string;
  /**
   * Where Kubernetes clients reach the API server: the DNS endpoint while it
   * serves user traffic (its certificate is publicly trusted, so no CA is
   * given), else the private IP endpoint with the cluster's CA certificate.
   */
  readonly apiEndpoint: KubernetesApiEndpoint;
  /** Email of the nodes' service account. */
  readonly nodeServiceAccount: string;
  /** The node pool (Standard mode). */
  readonly nodePool?: ContainerNodePool;

  constructor(scope: Construct, id: string, props: PrivateGkeClusterProps) {
    super(scope, id);
    validateProps(this, "PrivateGkeCluster", (v) => PrivateGkeCluster.validate(props, v));
    const mode = props.mode ?? "autopilot";
    const authorized = props.authorizedNetworks ?? [];

    this.mode = mode;
    const dedicated = props.nodeServiceAccount === undefined ? this.dedicatedNodeAccount(props) : undefined;
    this.nodeServiceAccount = props.nodeServiceAccount ?? dedicated!.email;
    this.dnsEndpointEnabled = props.dnsEndpoint ?? true;

    const common = {
      name: props.name,
      project: props.project,
      location: props.location,
      network: props.network.id,
      subnetwork: props.subnet.id,
      networkingMode: "VPC_NATIVE",
      deletionProtection: props.deletionProtection ?? true,
      // Nodes start as soon as the cluster exists: their account must hold its role by then,
      // or node registration, logging and image pulls fail until IAM catches up.
      dependsOn: dedicated === undefined ? undefined : [dedicated.binding],
      releaseChannel: { channel: props.releaseChannel ?? "REGULAR" },
      ipAllocationPolicy: {
        clusterSecondaryRangeName: props.subnet.podsRangeName,
        servicesSecondaryRangeName: props.subnet.servicesRangeName,
      },
      // Nodes get internal addresses only; the control plane's IP endpoint is private unless opted in.
      privateClusterConfig: {
        enablePrivateNodes: true,
        enablePrivateEndpoint: !(props.publicEndpoint ?? false),
        masterIpv4CidrBlock: props.controlPlaneCidr,
      },
      controlPlaneEndpointsConfig: {
        dnsEndpointConfig: { allowExternalTraffic: this.dnsEndpointEnabled },
        ipEndpointsConfig: { enabled: true },
      },
      masterAuthorizedNetworksConfig: {
        cidrBlocks: authorized.map((n) => ({ cidrBlock: n.cidr, displayName: n.displayName })),
        // Google Cloud's public ranges get no access; authorized networks apply to the private endpoint too.
        gcpPublicCidrsAccessEnabled: false,
        privateEndpointEnforcementEnabled: true,
      },
    };

    if (mode === "autopilot") {
      this.cluster = new ContainerCluster(this, "cluster", {
        ...common,
        // Autopilot always runs Workload Identity, Dataplane V2 and Shielded nodes;
        // the Workload Identity pool is stated too when the project is known, so it is visible and reviewed.
        enableAutopilot: true,
        workloadIdentityConfig: props.project === undefined ? undefined : { workloadPool: `${props.project}.svc.id.goog` },
        clusterAutoscaling: { autoProvisioningDefaults: { serviceAccount: this.nodeServiceAccount } },
      });
    } else {
      const pool = { ...STANDARD_POOL_DEFAULTS, ...props.nodePool };
      const maxPodsPerNode = pool.maxPodsPerNode;
      this.cluster = new ContainerCluster(this, "cluster", {
        ...common,
        datapathProvider: "ADVANCED_DATAPATH",
        workloadIdentityConfig: { workloadPool: `${props.project}.svc.id.goog` },
        enableShieldedNodes: true,
        defaultMaxPodsPerNode: maxPodsPerNode,
        // The default pool is replaced by the managed pool below. While it
        // exists it runs as the node account too (the Compute Engine default
        // account may be disabled or stripped of roles by org policy).
        removeDefaultNodePool: true,
        initialNodeCount: 1,
        nodeConfig: {
          serviceAccount: this.nodeServiceAccount,
          oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
          shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
        },
      });
      // Loaded only for Standard clusters: the binding is 1.1 MB of JavaScript an Autopilot synth never needs.
      const { ContainerNodePool: NodePool } = require("@cdktf/provider-google/lib/container-node-pool") as typeof import("@cdktf/provider-google/lib/container-node-pool");
      this.nodePool = new NodePool(this, "node-pool", {
        name: "default",
        project: props.project,
        location: props.location,
        cluster: this.cluster.id,
        autoscaling: { minNodeCount: pool.minNodesPerZone, maxNodeCount: pool.maxNodesPerZone },
        maxPodsPerNode,
        management: { autoRepair: true, autoUpgrade: true },
        nodeConfig: {
          machineType: pool.machineType,
          diskSizeGb: pool.diskSizeGb,
          imageType: "COS_CONTAINERD",
          serviceAccount: this.nodeServiceAccount,
          oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
          // Secure boot and integrity monitoring (CIS GKE Benchmark 5.5.5, 5.5.6).
          shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
          // Pods see the GKE metadata server, never the node's credentials (CIS GKE Benchmark 5.4.2).
          workloadMetadataConfig: { mode: "GKE_METADATA" },
          metadata: { "disable-legacy-endpoints": "true" },
        },
      });
    }
    if (props.publicEndpoint) suppressPolicy(this.cluster, "PSC-GKE-002", "publicEndpoint: true was set explicitly");
    this.name = this.cluster.name;
    this.dnsEndpoint = this.cluster.controlPlaneEndpointsConfig.dnsEndpointConfig.endpoint;
    this.privateEndpoint = this.cluster.privateClusterConfig.privateEndpoint;
    this.caCertificate = Fn.base64decode(this.cluster.masterAuth.clusterCaCertificate);
    this.apiEndpoint = this.dnsEndpointEnabled
      ? { host: `https://${this.dnsEndpoint}` }
      : { host: `https://${this.privateEndpoint}`, clusterCaCertificate: this.caCertificate };
  }

  /** A service account for the nodes with only the role GKE documents for them. */
  private dedicatedNodeAccount(props: PrivateGkeClusterProps): { email: string; binding: ProjectIamMember } {
    // Account ids are 6-30 characters.
    const accountId = `${props.name.slice(0, 24).replace(/-+$/, "")}-nodes`;
    const account = new ServiceAccount(this, "node-service-account", {
      accountId,
      project: props.project,
      displayName: `GKE nodes of ${props.name}`,
      description: "Least-privilege node identity (logging, monitoring, image pulls)",
    });
    const binding = new ProjectIamMember(this, "node-service-account-role", {
      project: account.project,
      role: "roles/container.defaultNodeServiceAccount",
      member: account.member,
    });
    return { email: account.email, binding };
  }
}

/**
 * A Standard cluster takes a block of the pod range per node (twice
 * maxPodsPerNode addresses): the range must hold the nodes the cluster
 * starts with (creation fails otherwise), and should hold the most the
 * autoscaler may add.
 */
function podRangeCapacity(podsCidr: string, pool: Required<StandardNodePool>, given: StandardNodePool, v: PropsValidator): void {
  const rangePrefix = parseCidr(podsCidr)?.prefix;
  if (rangePrefix === undefined) return;
  const block = podBlockPrefix(pool.maxPodsPerNode);
  const fits = block >= rangePrefix ? 2 ** (block - rangePrefix) : 0;
  const maxPods = v.name("nodePool.maxPodsPerNode");
  const maxNodes = v.name("nodePool.maxNodesPerZone");
  const setBy = given.maxPodsPerNode === undefined ? `${maxPods} ${pool.maxPodsPerNode}, the default` : `set by ${maxPods}`;
  const holds = `holds ${fits} node${fits === 1 ? "" : "s"} of ${pool.maxPodsPerNode} pods (a /${block} each, ${setBy})`;
  const prefixFor = (nodes: number) => block - Math.ceil(Math.log2(nodes));
  const zones = GKE_REGIONAL_CLUSTER_ZONES;
  const firstPerZone = Math.max(1, pool.minNodesPerZone);
  const first = firstPerZone * zones;
  const most = pool.maxNodesPerZone * zones;
  const involves = ["nodePool.maxPodsPerNode"];
  if (fits < first) {
    v.fail("subnet.podsCidr", podsCidr, `${holds}, fewer than the ${first} nodes the cluster starts with (${firstPerZone} per zone in ${zones} zones)`, {
      fix: `a pod range of /${prefixFor(most)} or larger, or a lower ${maxPods}`,
      involves,
    });
  } else if (fits < most) {
    v.warn("subnet.podsCidr", podsCidr, `${holds}, fewer than the ${most} nodes the autoscaler may add (maxNodesPerZone ${pool.maxNodesPerZone} in ${zones} zones)`, {
      fix: `a pod range of /${prefixFor(most)} or larger, or a lower ${maxPods} or ${maxNodes}`,
      involves,
    });
  }
}
