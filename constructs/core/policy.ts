import { Annotations, Aspects, IAspect, TerraformResource, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { Problem, UserError } from "./errors";

/** Attributes of one resource as they will be synthesized (snake_case keys, references as `${...}`). */
type Attributes = Record<string, any>;

/** One secure-default rule checked on every resource at synth. */
export interface PolicyRule {
  /** Stable id, used to suppress the rule. */
  readonly id: string;
  /** error: synth fails. warning: printed, synth goes on. */
  readonly severity: "error" | "warning";
  /** What the rule protects. */
  readonly title: string;
  /** How to comply. */
  readonly fix: string;
  /** Resource types the rule reads. */
  readonly types: readonly string[];
  /**
   * Returns what is wrong with the resource, or nothing when it complies.
   * `attrs` are its attributes as they will be synthesized (snake_case keys,
   * references as `${...}`).
   */
  readonly check: (type: string, attrs: Record<string, any>) => string | undefined;
}

const WORLD = ["0.0.0.0/0", "::/0"];
/** A list attribute or repeated block: an array or, for a block written once, an object (Terraform JSON allows both); unset is empty. */
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v !== null && typeof v === "object" ? [v] : []);
/** A single nested block: an object or, as Terraform JSON also allows, a one-element array; unset is empty. */
const one = (v: unknown): Attributes => (Array.isArray(v) ? (v[0] ?? {}) : ((v as Attributes) ?? {}));

/** The rules. Ids are part of the API: suppressions name them. */
export const POLICY_RULES: readonly PolicyRule[] = [
  {
    id: "PSC-NET-001",
    severity: "error",
    title: "no ingress from the whole internet",
    fix: "admit only the ranges that need access (for a backend behind a hybrid NEG: the proxy-only subnet)",
    types: ["aws_security_group", "aws_vpc_security_group_ingress_rule", "aws_security_group_rule", "google_compute_firewall"],
    check: (type, a) => {
      // Egress rules and firewalls admit nothing.
      if (type === "aws_security_group_rule" && a.type !== "ingress") return undefined;
      if (type === "google_compute_firewall" && (a.direction ?? "INGRESS") !== "INGRESS") return undefined;
      const sources =
        type === "aws_security_group"
          ? list(a.ingress).flatMap((r: any) => [...list(r.cidr_blocks), ...list(r.ipv6_cidr_blocks)])
          : type === "aws_vpc_security_group_ingress_rule"
            ? [a.cidr_ipv4, a.cidr_ipv6]
            : type === "aws_security_group_rule"
              ? [...list(a.cidr_blocks), ...list(a.ipv6_cidr_blocks)]
              : list(a.source_ranges);
      const open = sources.filter((s) => WORLD.includes(s as string));
      return open.length > 0 ? `admits ${open.join(", ")}` : undefined;
    },
  },
  {
    id: "PSC-GKE-001",
    severity: "error",
    title: "GKE nodes are private",
    fix: "set private_cluster_config.enable_private_nodes (PrivateGkeCluster always does)",
    types: ["google_container_cluster"],
    check: (_t, a) => (one(a.private_cluster_config).enable_private_nodes === true ? undefined : "has nodes with external IPs"),
  },
  {
    id: "PSC-GKE-002",
    severity: "error",
    title: "GKE control plane has no public IP endpoint",
    fix: "reach it through the DNS-based endpoint; set publicEndpoint: true only on purpose (it suppresses this rule with that reason)",
    types: ["google_container_cluster"],
    check: (_t, a) => (one(a.private_cluster_config).enable_private_endpoint === true ? undefined : "has a public IP control-plane endpoint"),
  },
  {
    id: "PSC-EC2-001",
    severity: "error",
    title: "instances require IMDSv2",
    fix: "set metadata_options.http_tokens = required (in the launch template, or on the instance)",
    types: ["aws_launch_template", "aws_instance"],
    check: (_type, a) => {
      if (a.launch_template !== undefined) return undefined; // an instance launched from a template: checked on the template
      return one(a.metadata_options).http_tokens === "required" ? undefined : "allows IMDSv1 (metadata_options.http_tokens is not 'required')";
    },
  },
  {
    id: "PSC-EC2-002",
    severity: "error",
    title: "volumes are encrypted",
    fix: "set encrypted = true on every EBS volume and block device mapping",
    types: ["aws_launch_template", "aws_instance", "aws_ebs_volume"],
    check: (type, a) => {
      const isTrue = (v: unknown) => v === true || v === "true";
      if (type === "aws_ebs_volume") return isTrue(a.encrypted) ? undefined : "is not encrypted";
      if (type === "aws_launch_template") {
        const plain = list(a.block_device_mappings).filter((m: any) => !isTrue(one(m.ebs).encrypted));
        return list(a.block_device_mappings).length === 0 ? "does not declare an encrypted root volume" : plain.length > 0 ? "has an unencrypted block device" : undefined;
      }
      if (a.launch_template !== undefined) return undefined; // checked on the template
      return isTrue(one(a.root_block_device).encrypted) ? undefined : "has an unencrypted root volume";
    },
  },
  {
    id: "PSC-VPN-001",
    severity: "error",
    title: "IKEv2 with one explicit proposal per phase",
    fix: "set IKE version, encryption, integrity and DH group of both phases to one value each (AwsSiteToSiteVpn does); AWS's multi-proposal defaults fragment IKE messages, which Cloud VPN does not support",
    types: ["aws_vpn_connection", "google_compute_vpn_tunnel"],
    check: (type, a) => {
      if (type === "google_compute_vpn_tunnel") return a.ike_version === 2 ? undefined : `uses IKE version ${a.ike_version ?? "default (IKEv2 not forced)"}`;
      const problems: string[] = [];
      for (const t of ["tunnel1", "tunnel2"]) {
        if (JSON.stringify(a[`${t}_ike_versions`]) !== JSON.stringify(["ikev2"])) problems.push(`${t} IKE versions are not exactly [ikev2]`);
        for (const option of ["phase1_encryption_algorithms", "phase1_integrity_algorithms", "phase1_dh_group_numbers", "phase2_encryption_algorithms", "phase2_integrity_algorithms", "phase2_dh_group_numbers"]) {
          if (list(a[`${t}_${option}`]).length !== 1) problems.push(`${t}_${option} is not one value`);
        }
      }
      return problems.length > 0 ? problems.join("; ") : undefined;
    },
  },
  {
    id: "PSC-DEL-001",
    severity: "warning",
    title: "stateful resources are protected from deletion",
    fix: "keep deletion protection (GKE) and prevent_destroy (HA VPN gateway, AWS VPN connections) on outside throwaway environments",
    types: ["google_container_cluster", "google_compute_ha_vpn_gateway", "aws_vpn_connection"],
    check: (type, a) => {
      if (type === "google_container_cluster") return a.deletion_protection === false ? "has deletion_protection off" : undefined;
      return one(a.lifecycle).prevent_destroy === true ? undefined : "has no lifecycle.prevent_destroy";
    },
  },
];

const SUPPRESSIONS = Symbol.for("psc-hybrid.policy-suppressions");

/**
 * Exempts a construct (and everything under it) from one rule, with a
 * reason that is printed on every synth. Constructs call it for options
 * the user set on purpose (e.g. a public GKE endpoint).
 */
export function suppressPolicy(scope: IConstruct, ruleId: string, reason: string): void {
  if (!POLICY_RULES.some((r) => r.id === ruleId)) {
    throw new UserError(`suppressPolicy ${scope.node.path}`, [{ path: "ruleId", message: `is an unknown rule '${ruleId}'; rules are ${POLICY_RULES.map((r) => r.id).join(", ")}` }]);
  }
  if (reason.trim().length === 0) throw new UserError(`suppressPolicy ${scope.node.path}`, [{ path: "reason", message: `is required to suppress ${ruleId}: say why, it is printed on every synth` }]);
  const holder = scope as unknown as { [SUPPRESSIONS]?: Map<string, string> };
  (holder[SUPPRESSIONS] ??= new Map()).set(ruleId, reason);
}

function suppression(node: IConstruct, ruleId: string): string | undefined {
  // `scopes` is a new array on every read (root first): reversed in place, nearest first.
  for (const scope of node.node.scopes.reverse()) {
    const reason = (scope as unknown as { [SUPPRESSIONS]?: Map<string, string> })[SUPPRESSIONS]?.get(ruleId);
    if (reason !== undefined) return reason;
  }
  return undefined;
}

/** One rule broken by one resource. */
interface Finding {
  readonly rule: PolicyRule;
  /** What is wrong and how to fix or suppress it; for a suppressed rule, the suppression and its reason. */
  readonly message: string;
  /** Whether the rule is suppressed on the resource or a parent. */
  readonly suppressed: boolean;
}

/** What the rules find on one construct (nothing unless it is a resource a rule reads). */
function findingsOf(node: IConstruct): Finding[] {
  if (!TerraformResource.isTerraformResource(node)) return [];
  const resource = node as TerraformResource;
  const type = resource.terraformResourceType;
  const rules = POLICY_RULES.filter((r) => r.types.includes(type));
  if (rules.length === 0) return [];
  // Literal values as they will be synthesized; references stay unresolved tokens, which no rule needs.
  const attrs: Attributes = resource.toTerraform().resource[type][resource.friendlyUniqueId];
  return rules.flatMap((rule): Finding[] => {
    const problem = rule.check(type, attrs);
    if (problem === undefined) return [];
    const reason = suppression(resource, rule.id);
    if (reason !== undefined) return [{ rule, suppressed: true, message: `[${rule.id}] suppressed (${rule.title}): ${reason}` }];
    return [{ rule, suppressed: false, message: `[${rule.id}] ${type} ${problem}: ${rule.title}. Fix: ${rule.fix}. Suppress with a reason: suppressPolicy(construct, "${rule.id}", "<why>")` }];
  });
}

/** Raised by PolicyChecks.verify: every policy error of every stack, each at its resource's construct path. */
export class PolicyError extends UserError {}

/**
 * Checks every resource against POLICY_RULES: errors fail synth, warnings are
 * printed. cdktf runs aspects per stack (an aspect on the App is never
 * invoked), so add it to each stack: `PolicyChecks.applyTo(app)` does.
 * cdktf writes each stack as it goes, so call `PolicyChecks.verify(app)`
 * before `app.synth()` to fail before anything is written.
 */
export class PolicyChecks implements IAspect {
  /** Adds the checks to every stack under `scope`. */
  static applyTo(scope: IConstruct): void {
    const checks = new PolicyChecks();
    for (const node of scope.node.findAll()) {
      // Once per stack, however often it is called (addStacks calls it too): each finding is reported once.
      if (TerraformStack.isStack(node) && !Aspects.of(node).all.some((aspect) => aspect instanceof PolicyChecks)) Aspects.of(node).add(checks);
    }
  }

  /**
   * Checks every resource under `scope`, in every stack, in one pass. Throws
   * a PolicyError listing every unsuppressed error at once; otherwise returns
   * the notices, the warnings and the suppressions with their reasons, one
   * line each naming the resource: what an app prints on every synth, since
   * cdktf shows annotations only in some terminals.
   */
  static verify(scope: IConstruct): Problem[] {
    const errors: Problem[] = [];
    const notices: Problem[] = [];
    for (const node of scope.node.findAll()) {
      for (const f of findingsOf(node)) {
        const problem = { path: node.node.path, message: f.message };
        if (!f.suppressed && f.rule.severity === "error") errors.push(problem);
        else notices.push(problem);
      }
    }
    if (errors.length > 0) throw new PolicyError("policy", errors);
    return notices;
  }

  visit(node: IConstruct): void {
    const annotations = Annotations.of(node);
    for (const { rule, message, suppressed } of findingsOf(node)) {
      if (suppressed) annotations.addInfo(message);
      else if (rule.severity === "error") annotations.addError(message);
      else annotations.addWarning(message);
    }
  }
}
