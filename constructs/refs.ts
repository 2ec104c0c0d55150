/**
 * What one construct needs from another, as structural interfaces: a resource
 * made here, one from another stack (its attributes become remote-state
 * references) or an imported one all fit.
 */

/** A GCP VPC network. `ComputeNetwork` satisfies it. */
export interface INetwork {
  readonly id: string;
  readonly selfLink: string;
  readonly name: string;
}

/** A GCP subnetwork. `ComputeSubnetwork` satisfies it. */
export interface ISubnetwork {
  readonly id: string;
  readonly selfLink: string;
  readonly name: string;
}
