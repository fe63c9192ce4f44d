import {
  amiResource,
  githubDeploymentsResource,
  githubIssuesResource,
  githubRelease,
  gitRepo,
  hashicorpRelease,
  hashicorpResource,
  packerBuild,
  packerValidate,
  pulumiProvisionerResource,
  pypiResource,
  rclone,
  registryImage,
  releaseResourceType,
  s3Object,
  s3Sync,
  schedule,
  semverResource,
  slackNotification,
  slackNotificationResource,
  sshGitRepo,
} from "../factories/index.ts";
import { isObject } from "../model/common.ts";
import { sameData } from "../walk/plain-data.ts";

/**
 * Recognisers for hangar's factories: for a resource or resource type from a pipeline, the factory call
 * (name and arguments) that produces exactly that object. Each recogniser guesses the arguments from the
 * object; the guess is kept only when calling the factory gives the same data back.
 */

/** A factory call: the factory's name and its arguments (positional, each a plain value). */
export interface FactoryCall {
  readonly factory: string;
  readonly args: readonly unknown[];
}

type Obj = Record<string, unknown>;
type Section = "resources" | "resource_types";

interface Recognizer {
  readonly factory: string;
  readonly section: Section;
  /** The arguments to try, or `undefined` when the object cannot be this factory's. */
  readonly args: (obj: Obj, source: Obj) => readonly unknown[] | undefined;
  readonly make: (...args: never[]) => unknown;
}

/** An options object without the keys whose value is undefined or equal to the factory's default. */
function options(values: Obj, defaults: Obj = {}): Obj {
  const out: Obj = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || (key in defaults && sameData(value, defaults[key]))) continue;
    out[key] = value;
  }
  return out;
}

const noArgs = (name: string, factory: string, make: () => unknown): Recognizer => ({
  factory,
  section: "resource_types",
  args: (obj) => (obj.name === name ? [] : undefined),
  make,
});

const RECOGNIZERS: readonly Recognizer[] = [
  {
    factory: "gitRepo",
    section: "resources",
    make: gitRepo,
    args: (r, s) =>
      r.type !== "git"
        ? undefined
        : [
            options(
              {
                name: r.name,
                uri: s.uri,
                branch: s.branch,
                checkEvery: r.check_every,
                paths: s.paths,
                depth: s.version_depth,
                fetchTags: s.fetch_tags,
                tagRegex: s.tag_regex,
              },
              { branch: "main", checkEvery: "60s", fetchTags: false },
            ),
          ],
  },
  {
    factory: "sshGitRepo",
    section: "resources",
    make: sshGitRepo,
    args: (r, s) =>
      r.type !== "git"
        ? undefined
        : [
            options(
              { name: r.name, uri: s.uri, privateKey: s.private_key, branch: s.branch, paths: s.paths },
              { branch: "main" },
            ),
          ],
  },
  {
    factory: "registryImage",
    section: "resources",
    make: registryImage,
    args: (r, s) =>
      r.type !== "registry-image"
        ? undefined
        : [
            options(
              {
                name: r.name,
                imageRepository: s.repository,
                imageTag: s.tag === undefined ? null : s.tag,
                variant: s.variant,
                tagRegex: s.tag_regex,
                sortByCreation: s.created_at_sort,
                username: s.username,
                password: s.password,
                checkEvery: r.check_every,
                ecrRegion: s.aws_region,
              },
              { imageTag: "latest" },
            ),
          ],
  },
  {
    factory: "schedule",
    section: "resources",
    make: schedule,
    args: (r, s) =>
      r.type !== "time"
        ? undefined
        : [options({ name: r.name, interval: s.interval, start: s.start, stop: s.stop, days: s.days })],
  },
  {
    factory: "githubRelease",
    section: "resources",
    make: githubRelease,
    args: (r, s) =>
      r.type !== "github-release"
        ? undefined
        : [
            options(
              {
                name: r.name,
                owner: s.owner,
                repository: s.repository,
                githubToken: s.access_token === undefined ? "" : s.access_token,
                tagFilter: s.tag_filter,
                orderBy: s.order_by,
                checkFrequency: r.check_every,
              },
              { githubToken: "((github.public_repo_access_token))", checkFrequency: "24h" },
            ),
          ],
  },
  {
    factory: "hashicorpRelease",
    section: "resources",
    make: hashicorpRelease,
    args: (r, s) => (r.type !== "hashicorp-release" ? undefined : [{ name: r.name, project: s.project }]),
  },
  {
    factory: "slackNotification",
    section: "resources",
    make: slackNotification,
    args: (r, s) => (r.type !== "slack-notification" ? undefined : [{ name: r.name, url: s.url }]),
  },
  {
    factory: "s3Object",
    section: "resources",
    make: s3Object,
    args: (r, s) =>
      r.type !== "s3"
        ? undefined
        : [options({ name: r.name, bucket: s.bucket, objectPath: s.versioned_file, objectRegex: s.regexp })],
  },
  noArgs("packer-validator", "packerValidate", packerValidate),
  noArgs("packer-builder", "packerBuild", packerBuild),
  noArgs("hashicorp-release", "hashicorpResource", hashicorpResource),
  noArgs("slack-notification", "slackNotificationResource", slackNotificationResource),
  noArgs("amazon-ami", "amiResource", amiResource),
  noArgs("github-deployments", "githubDeploymentsResource", githubDeploymentsResource),
  noArgs("github-issues", "githubIssuesResource", githubIssuesResource),
  noArgs("pulumi-provisioner", "pulumiProvisionerResource", pulumiProvisionerResource),
  noArgs("pypi", "pypiResource", pypiResource),
  noArgs("rclone", "rclone", rclone),
  noArgs("release", "releaseResourceType", releaseResourceType),
  noArgs("s3-sync", "s3Sync", s3Sync),
  noArgs("semver", "semverResource", semverResource),
];

/** The names of every factory a recogniser may return. */
export const RECOGNIZED_FACTORIES: readonly string[] = [...new Set(RECOGNIZERS.map((r) => r.factory))];

/**
 * The factory call that makes `obj` (a resource or resource type of the pipeline), or `undefined`.
 * `typeOf` gives the pipeline's resource type of a name: a factory whose resource brings its own
 * type object matches only when that type is the pipeline's.
 */
export function matchFactory(
  section: Section,
  obj: unknown,
  typeOf: (name: string) => unknown,
): FactoryCall | undefined {
  if (!isObject(obj)) return undefined;
  const source = isObject(obj.source) ? obj.source : {};
  for (const recognizer of RECOGNIZERS) {
    if (recognizer.section !== section) continue;
    const args = recognizer.args(obj, source);
    // a null the factory would pass on is not an argument its types allow (registryImage's imageTag aside)
    if (
      args === undefined ||
      args.some((a) => isObject(a) && Object.entries(a).some(([k, v]) => v === null && k !== "imageTag"))
    )
      continue;
    let made: unknown;
    try {
      made = (recognizer.make as (...a: unknown[]) => unknown)(...args);
    } catch {
      continue;
    }
    if (!isObject(made)) continue;
    const type = made.type;
    if (isObject(type)) {
      if (typeof type.name !== "string" || !sameData(type, typeOf(type.name))) continue;
      made = { ...made, type: type.name };
    }
    if (sameData(made, obj)) return { factory: recognizer.factory, args };
  }
  return undefined;
}
