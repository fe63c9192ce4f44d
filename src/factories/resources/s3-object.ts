import { checkOptions, type OptionKinds } from "../../model/arguments.ts";
import { compact, type Params } from "../../model/common.ts";
import type { Resource } from "../../model/resource.ts";

/**
 * Source of an `s3` resource.
 * @see https://github.com/concourse/s3-resource#source-configuration
 */
export interface S3Source extends Params {
  /** The bucket's name. */
  bucket: string;
  /** A regular expression on object keys; its first group is the version. Excludes `versioned_file`. */
  regexp?: string;
  /** One object key whose S3 object versions are the versions (needs bucket versioning). */
  versioned_file?: string;
  /** Use the worker's AWS credentials when no keys are given. */
  enable_aws_creds_provider?: boolean;
  /** The bucket's region. */
  region_name?: string;
  /** AWS access key id. */
  access_key_id?: string;
  /** AWS secret access key. */
  secret_access_key?: string;
  /** A role to assume. */
  aws_role_arn?: string;
  /** An S3-compatible endpoint instead of AWS. */
  endpoint?: string;
  /** Make uploaded objects private. */
  private?: boolean;
}

/**
 * Params of a `put` to an `s3` resource, which uploads a file.
 * @see https://github.com/concourse/s3-resource#out-upload-an-object
 */
export interface S3PutParams extends Params {
  /** A glob matching the one file to upload. */
  file: string;
  /** A canned ACL, such as `public-read`. */
  acl?: string;
  /** The content type of the object. */
  content_type?: string;
}

/** Options of {@link s3Object}. */
export interface S3ObjectOptions {
  /** The resource's name. */
  name: string;
  /** The bucket's name. */
  bucket: string;
  /** One versioned object key (`versioned_file`). */
  objectPath?: string | undefined;
  /** A regular expression matching object keys (`regexp`), instead of `objectPath`. */
  objectRegex?: string | undefined;
}

const S3_OBJECT_OPTIONS: OptionKinds<S3ObjectOptions> = {
  name: "string",
  bucket: "string",
  objectPath: "string?",
  objectRegex: "string?",
};

/**
 * An `s3` resource for an object (or objects matching a pattern) in a bucket, using the worker's AWS credentials.
 * @example s3Object({ name: "build-artifact", bucket: "artifacts", objectRegex: "app-(.*).tgz" })
 * @see https://github.com/concourse/s3-resource
 */
export function s3Object(options: Readonly<S3ObjectOptions>): Resource<S3Source> {
  const { name, bucket, objectPath, objectRegex } = checkOptions("s3Object", options, S3_OBJECT_OPTIONS);
  return {
    name,
    type: "s3",
    icon: "bucket",
    source: compact({ bucket, regexp: objectRegex, versioned_file: objectPath, enable_aws_creds_provider: true }),
  };
}
