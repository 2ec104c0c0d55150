import { ComputeServiceAttachment } from "@cdktf/provider-google/lib/compute-service-attachment";
import { Construct } from "constructs";
import { FQDN_PATTERN, FQDN_RULE } from "../core/names";
import { PropsValidator, validateProps } from "../core/validation";
import { ISubnetwork } from "./vpc-network";

/** A consumer allowed to connect to the service attachment. */
export interface AcceptedConsumer {
  /** Consumer project id or number. */
  readonly project: string;
  /** How many PSC endpoints the project may connect. */
  readonly connectionLimit: number;
}

export interface ServiceAttachmentProps {
  /** Name of the service attachment. */
  readonly name: string;
  /** Region of the service attachment (the load balancer's region). */
  readonly region: string;
  /** The producer forwarding rule the attachment publishes (id or self link). */
  readonly targetService: string;
  /** PSC NAT subnets (purpose PRIVATE_SERVICE_CONNECT) the attachment source-NATs consumer traffic from. */
  readonly natSubnets: readonly ISubnetwork[];
  /**
   * Projects allowed to connect, with their connection limits. Only these
   * projects' endpoints are accepted; a project removed here is rejected.
   */
  readonly consumers: readonly AcceptedConsumer[];
  /**
   * Accept any consumer project. An explicit opt-in: anyone who learns the
   * attachment's URI can then connect.
   * @default false - ACCEPT_MANUAL with the `consumers` accept list
   */
  readonly acceptAllConsumers?: boolean;
  /**
   * DNS domain of the service (ending with '.'): consumers' PSC endpoints
   * then get a DNS name in it automatically.
   * @default - none
   */
  readonly domainName?: string;
  /** Project of the attachment. @default - the provider's project */
  readonly project?: string;
}

/** A published service, as a PSC endpoint needs it: made here, in another stack, or elsewhere (`{ id, selfLink }`). */
export interface IServiceAttachment {
  readonly id: string;
  /** What a PSC endpoint targets. */
  readonly selfLink: string;
}

/**
 * A Private Service Connect service attachment: publishes one internal load
 * balancer to consumer VPCs without peering or routes; consumer addresses are
 * source-NATed, so their CIDRs may overlap anything.
 */
export class ServiceAttachment extends Construct implements IServiceAttachment {
  /** The attachment resource. */
  readonly attachment: ComputeServiceAttachment;
  /** What a PSC endpoint targets. */
  readonly id: string;
  readonly selfLink: string;

  /** Records every problem with the props in `v`. */
  static validate(props: ServiceAttachmentProps, v: PropsValidator): void {
    v.gcpName("name", props.name);
    v.gcpRegion("region", props.region);
    v.check(props.natSubnets.length > 0, "natSubnets", props.natSubnets, "must list at least one PSC NAT subnet");
    props.consumers.forEach((c, i) => {
      v.check(Number.isInteger(c.connectionLimit) && c.connectionLimit >= 1, `consumers[${i}].connectionLimit`, c.connectionLimit, "must be a whole number of at least 1");
      const first = props.consumers.findIndex((o) => o.project === c.project);
      v.check(first === i, `consumers[${i}].project`, c.project, `must be unique: the service attachment accepts each project once (also ${v.name(`consumers[${first}].project`)})`, {
        involves: [`consumers[${first}].project`],
      });
    });
    if (props.domainName !== undefined) {
      v.check(FQDN_PATTERN.test(props.domainName), "domainName", props.domainName, FQDN_RULE);
    }
  }

  constructor(scope: Construct, id: string, props: ServiceAttachmentProps) {
    super(scope, id);
    validateProps(this, "ServiceAttachment", (v) => ServiceAttachment.validate(props, v));

    const acceptAll = props.acceptAllConsumers ?? false;
    this.attachment = new ComputeServiceAttachment(this, "attachment", {
      name: props.name,
      project: props.project,
      region: props.region,
      description: "Publishes the internal load balancer to consumer VPCs over Private Service Connect",
      targetService: props.targetService,
      natSubnets: props.natSubnets.map((s) => s.id),
      enableProxyProtocol: false,
      domainNames: props.domainName !== undefined ? [props.domainName] : undefined,
      connectionPreference: acceptAll ? "ACCEPT_AUTOMATIC" : "ACCEPT_MANUAL",
      consumerAcceptLists: acceptAll
        ? undefined
        : props.consumers.map((c) => ({ projectIdOrNum: c.project, connectionLimit: c.connectionLimit })),
      // A consumer dropped from the accept list is disconnected, not left connected.
      reconcileConnections: true,
    });
    this.id = this.attachment.id;
    this.selfLink = this.attachment.selfLink;
  }
}
