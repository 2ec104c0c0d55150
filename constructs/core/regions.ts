import { closest } from "fastest-levenshtein";

/** A cloud with a region list. */
export type RegionCloud = "gcp" | "aws";

/**
 * The regions each cloud had when this list was last checked (2026-11), to
 * catch a misspelled region at synth rather than at deploy. Clouds open new
 * regions every year, so a region missing here is a warning naming the
 * nearest known one, never an error. Add new regions here.
 */
export const KNOWN_REGIONS: Readonly<Record<RegionCloud, readonly string[]>> = {
  /** Google Cloud docs, "Regions and zones". */
  gcp: [
    "africa-south1",
    "asia-east1",
    "asia-east2",
    "asia-northeast1",
    "asia-northeast2",
    "asia-northeast3",
    "asia-south1",
    "asia-south2",
    "asia-southeast1",
    "asia-southeast2",
    "australia-southeast1",
    "australia-southeast2",
    "europe-central2",
    "europe-north1",
    "europe-north2",
    "europe-southwest1",
    "europe-west1",
    "europe-west2",
    "europe-west3",
    "europe-west4",
    "europe-west6",
    "europe-west8",
    "europe-west9",
    "europe-west10",
    "europe-west12",
    "me-central1",
    "me-central2",
    "me-west1",
    "northamerica-northeast1",
    "northamerica-northeast2",
    "northamerica-south1",
    "southamerica-east1",
    "southamerica-west1",
    "us-central1",
    "us-east1",
    "us-east4",
    "us-east5",
    "us-south1",
    "us-west1",
    "us-west2",
    "us-west3",
    "us-west4",
  ],
  /** AWS General Reference, "AWS Regions" (commercial and GovCloud (US) partitions). */
  aws: [
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-gov-east-1",
    "us-gov-west-1",
    "us-west-1",
    "us-west-2",
  ],
};

const CLOUD_NAMES: Record<RegionCloud, string> = { gcp: "a GCP", aws: "an AWS" };

/** True when `region` is on the cloud's list. */
export function isKnownRegion(cloud: RegionCloud, region: string): boolean {
  return (KNOWN_REGIONS[cloud] as readonly string[]).includes(region);
}

/** The known region nearest to `region` in spelling. */
export function nearestRegion(cloud: RegionCloud, region: string): string {
  return closest(region, [...KNOWN_REGIONS[cloud]]);
}

/**
 * Why `region` deserves a look: not on the cloud's list (a typo, or a region
 * newer than the list). Undefined for a known region.
 */
export function unknownRegionWarning(cloud: RegionCloud, region: string): { rule: string; fix: string } | undefined {
  if (isKnownRegion(cloud, region)) return undefined;
  return {
    rule: `is not ${CLOUD_NAMES[cloud]} region this app knows (a typo, or a region newer than its list in constructs/core/regions.ts)`,
    fix: `did you mean ${nearestRegion(cloud, region)}?`,
  };
}
