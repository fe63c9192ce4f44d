import { checkOptions, type OptionKinds } from "../../model/arguments.ts";
import type { Resource } from "../../model/resource.ts";
import { type AmazonAmiSource, amiResource } from "../resource-types/amazon-ami.ts";

/** Options of {@link amazonAmi}. */
export interface AmazonAmiOptions {
  /** The resource's name. */
  name: string;
  /** `describe-images` filters, such as `{ "tag:app": "web", "is-public": false }`. */
  filters: Readonly<Record<string, string | boolean>>;
  /** @default "us-east-1" */
  region?: string | undefined;
}

const AMAZON_AMI_OPTIONS: OptionKinds<AmazonAmiOptions> = {
  name: "string",
  filters: "object",
  region: "string?",
};

/**
 * An `amazon-ami` resource: the newest AMI matching some filters, checked every 30 minutes.
 * Its `type` is the {@link amiResource} object.
 * @example amazonAmi({ name: "web-ami", filters: { name: "web-*", "tag:env": "prod" } })
 * @see https://github.com/jdub/ami-resource
 */
export function amazonAmi(options: Readonly<AmazonAmiOptions>): Resource<AmazonAmiSource> {
  const { name, filters, region = "us-east-1" } = checkOptions("amazonAmi", options, AMAZON_AMI_OPTIONS);
  return {
    name,
    type: amiResource(),
    icon: "server",
    check_every: "30m",
    source: { region, filters: { ...filters } },
  };
}
