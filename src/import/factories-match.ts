import {
  amiResource,
  blockForInstanceRefreshTask,
  bumpVersionTask,
  containerBuildTask,
  ensureEcrTask,
  githubDeploymentsResource,
  githubIssuesResource,
  githubRelease,
  gitRepo,
  hashicorpRelease,
  hashicorpResource,
  instanceRefreshTask,
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
  TASK_IMAGE,
} from "../factories/index.ts";
import { isObject } from "../model/common.ts";
import { sameData } from "../walk/plain-data.ts";

/**
 * Recognisers for hangar's factories: for a resource, a resource type or a task step from a pipeline,
 * the factory call (name and options) that produces exactly that object. Each row of the table guesses
 * the options from the object; the guess is kept only when calling the factory gives the same data back.
 */

/** A factory call: the factory's name and its arguments (positional, each a plain value). */
export interface FactoryCall {
  readonly factory: string;
  readonly args: readonly unknown[];
  /** A task step's keys the factory does not make (`attempts`, hooks, ...), written beside the call. */
  readonly extraKeys: readonly string[];
}

type Obj = Record<string, unknown>;
/** What a recogniser makes: a resource, a resource type, or a task step. */
export type FactorySection = "resources" | "resource_types" | "tasks";

interface Recognizer {
  readonly factory: string;
  readonly section: FactorySection;
  /** The object's `type` (a resource), `name` (a resource type) or `task` (a task step) this factory writes. */
  readonly key: string;
  readonly make: (...args: never[]) => unknown;
  /** The options to try, from the object and its `source` (or a task's `config`); none: the factory takes no argument. */
  readonly options?: (obj: Obj, inner: Obj) => Obj;
  /** Options whose value equals the factory's default are left out of the call. */
  readonly defaults?: Obj;
  /** Options whose type allows `null` (any other null read from the pipeline is not an argument). */
  readonly nullable?: readonly string[];
}

/** Where a recogniser's key is read in an object of its section. */
const KEY_OF: Readonly<Record<FactorySection, string>> = { resources: "type", resource_types: "name", tasks: "task" };

/** The words of a POSIX shell line: bare, or in single quotes (`'"'"'` for a quote inside), as `shellQuote` writes them. */
function shellWords(line: string | undefined): string[] {
  const words = line?.match(/'(?:[^']|'"'"')*'|[^\s']+/g) ?? [];
  return words.map((w) => (w.startsWith("'") ? w.slice(1, -1).replaceAll(`'"'"'`, "'") : w));
}

/** The `index`th argument of a task's `run` when it is a string (a task factory's script). */
function runArg(config: Obj, index: number): string | undefined {
  const run = config.run;
  const arg = isObject(run) && Array.isArray(run.args) ? run.args[index] : undefined;
  return typeof arg === "string" ? arg : undefined;
}

const scriptLines = (config: Obj): string[] => (runArg(config, 1) ?? "").split("\n");

/** The `--filters` and `--query` of the instance refresh tasks' first script line. */
function autoScalingGroup(config: Obj): Obj {
  const found = scriptLines(config)[0]?.match(/--filters (.*) --query "(.*)" --output text\);$/);
  return { filters: found?.[1], queries: found?.[2] };
}

/**
 * A resource's fields a factory does not make (`webhook_token`, `tags`, ...) and those it makes with
 * another value than `made` (`icon`), as the factory's `overrides`; `undefined` when there are none or
 * one is null (which the option's type does not allow).
 */
function resourceOverrides(r: Obj, made: Obj): Obj | undefined {
  const MADE = ["name", "type", "check_every", "source"];
  const rest = Object.entries(r).filter(([k, v]) => !MADE.includes(k) && !(k in made && sameData(v, made[k])));
  if (rest.length === 0 || rest.some(([, v]) => v === null)) return undefined;
  return Object.fromEntries(rest);
}

const params = (config: Obj): Obj => (isObject(config.params) ? config.params : {});
const firstName = (list: unknown): unknown => (Array.isArray(list) && isObject(list[0]) ? list[0].name : undefined);

const RECOGNIZERS: readonly Recognizer[] = [
  {
    factory: "gitRepo",
    section: "resources",
    key: "git",
    make: gitRepo,
    options: (r, s) => ({
      name: r.name,
      uri: s.uri,
      branch: s.branch,
      checkEvery: r.check_every,
      paths: s.paths,
      depth: s.version_depth,
      fetchTags: s.fetch_tags,
      tagRegex: s.tag_regex,
      overrides: resourceOverrides(r, { icon: "git" }),
    }),
    defaults: { branch: "main", checkEvery: "60s", fetchTags: false },
  },
  {
    factory: "sshGitRepo",
    section: "resources",
    key: "git",
    make: sshGitRepo,
    options: (r, s) => ({ name: r.name, uri: s.uri, privateKey: s.private_key, branch: s.branch, paths: s.paths }),
    defaults: { branch: "main" },
  },
  {
    factory: "registryImage",
    section: "resources",
    key: "registry-image",
    make: registryImage,
    options: (r, s) => ({
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
    }),
    defaults: { imageTag: "latest" },
    nullable: ["imageTag"],
  },
  {
    factory: "schedule",
    section: "resources",
    key: "time",
    make: schedule,
    options: (r, s) => ({ name: r.name, interval: s.interval, start: s.start, stop: s.stop, days: s.days }),
  },
  {
    factory: "githubRelease",
    section: "resources",
    key: "github-release",
    make: githubRelease,
    options: (r, s) => ({
      name: r.name,
      owner: s.owner,
      repository: s.repository,
      githubToken: s.access_token === undefined ? "" : s.access_token,
      tagFilter: s.tag_filter,
      orderBy: s.order_by,
      checkFrequency: r.check_every,
    }),
    defaults: { githubToken: "((github.public_repo_access_token))", checkFrequency: "24h" },
  },
  {
    factory: "hashicorpRelease",
    section: "resources",
    key: "hashicorp-release",
    make: hashicorpRelease,
    options: (r, s) => ({ name: r.name, project: s.project }),
  },
  {
    factory: "slackNotification",
    section: "resources",
    key: "slack-notification",
    make: slackNotification,
    options: (r, s) => ({ name: r.name, url: s.url }),
  },
  {
    factory: "s3Object",
    section: "resources",
    key: "s3",
    make: s3Object,
    options: (r, s) => ({ name: r.name, bucket: s.bucket, objectPath: s.versioned_file, objectRegex: s.regexp }),
  },
  { factory: "packerValidate", section: "resource_types", key: "packer-validator", make: packerValidate },
  { factory: "packerBuild", section: "resource_types", key: "packer-builder", make: packerBuild },
  { factory: "hashicorpResource", section: "resource_types", key: "hashicorp-release", make: hashicorpResource },
  {
    factory: "slackNotificationResource",
    section: "resource_types",
    key: "slack-notification",
    make: slackNotificationResource,
  },
  { factory: "amiResource", section: "resource_types", key: "amazon-ami", make: amiResource },
  {
    factory: "githubDeploymentsResource",
    section: "resource_types",
    key: "github-deployments",
    make: githubDeploymentsResource,
  },
  { factory: "githubIssuesResource", section: "resource_types", key: "github-issues", make: githubIssuesResource },
  {
    factory: "pulumiProvisionerResource",
    section: "resource_types",
    key: "pulumi-provisioner",
    make: pulumiProvisionerResource,
  },
  { factory: "pypiResource", section: "resource_types", key: "pypi", make: pypiResource },
  { factory: "rclone", section: "resource_types", key: "rclone", make: rclone },
  { factory: "releaseResourceType", section: "resource_types", key: "release", make: releaseResourceType },
  { factory: "s3Sync", section: "resource_types", key: "s3-sync", make: s3Sync },
  { factory: "semverResource", section: "resource_types", key: "semver", make: semverResource },
  {
    factory: "containerBuildTask",
    section: "tasks",
    key: "build-container-image",
    make: containerBuildTask,
    options: (_, c) => ({
      inputs: c.inputs,
      buildParameters: c.params === undefined ? null : c.params,
      buildArgs: isObject(c.run) ? c.run.args : undefined,
    }),
    defaults: { buildArgs: [] },
    nullable: ["buildParameters"],
  },
  {
    factory: "ensureEcrTask",
    section: "tasks",
    key: "ensure-ecr-repository",
    make: ensureEcrTask,
    options: (_, c) => ({ ecrRepoName: params(c).REPO_NAME }),
  },
  {
    factory: "bumpVersionTask",
    section: "tasks",
    key: "bump-version",
    make: bumpVersionTask,
    options: (_, c) => {
      const [versionLine, emailLine, userLine] = scriptLines(c);
      return {
        versionFile: shellWords(versionLine?.match(/^VERSION=\$\(cat (.*)\)$/)?.[1])[0],
        repository: firstName(c.outputs),
        gitUser: shellWords(userLine)[5],
        gitEmail: shellWords(emailLine)[5],
        image: c.image_resource,
      };
    },
    defaults: {
      versionFile: "release/version",
      repository: "app-source",
      gitUser: "CI",
      gitEmail: "odl-devops@mit.edu",
      image: { type: TASK_IMAGE.type, source: TASK_IMAGE.source },
    },
  },
  {
    factory: "instanceRefreshTask",
    section: "tasks",
    key: "instance-refresh",
    make: instanceRefreshTask,
    options: (_, c) => autoScalingGroup(c),
  },
  {
    factory: "blockForInstanceRefreshTask",
    section: "tasks",
    key: "block-for-instance-refresh",
    make: blockForInstanceRefreshTask,
    options: (_, c) => {
      const sleep = scriptLines(c).find((l) => /^\s*sleep \d+$/.test(l));
      return { ...autoScalingGroup(c), checkFreq: sleep === undefined ? undefined : Number(sleep.trim().slice(6)) };
    },
    defaults: { checkFreq: 10 },
  },
];

/** The names of every factory a recogniser may return. */
export const RECOGNIZED_FACTORIES: readonly string[] = [...new Set(RECOGNIZERS.map((r) => r.factory))];

/** An options object without the keys whose value is undefined or equal to the factory's default. */
function withoutDefaults(values: Obj, defaults: Obj = {}): Obj {
  const out: Obj = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || (key in defaults && sameData(value, defaults[key]))) continue;
    out[key] = value;
  }
  return out;
}

/** The arguments a recogniser tries for `obj`, or `undefined` when the object cannot be its factory's. */
function guessArgs(recognizer: Recognizer, obj: Obj): readonly unknown[] | undefined {
  if (obj[KEY_OF[recognizer.section]] !== recognizer.key) return undefined;
  if (recognizer.options === undefined) return [];
  const inner = obj[recognizer.section === "tasks" ? "config" : "source"];
  const options = withoutDefaults(recognizer.options(obj, isObject(inner) ? inner : {}), recognizer.defaults);
  const nullable = recognizer.nullable ?? [];
  return Object.entries(options).some(([k, v]) => v === null && !nullable.includes(k)) ? undefined : [options];
}

/**
 * The factory call that makes `obj` (a resource, a resource type or a task step of the pipeline), or
 * `undefined`. A resource or resource type must be exactly what the factory makes; a task step may also
 * have keys the factory does not make (listed in `extraKeys`). `typeOf` gives the pipeline's resource
 * type of a name: a factory whose resource brings its own type object matches only when that type is
 * the pipeline's.
 */
export function matchFactory(
  section: FactorySection,
  obj: unknown,
  typeOf: (name: string) => unknown,
): FactoryCall | undefined {
  if (!isObject(obj)) return undefined;
  for (const recognizer of RECOGNIZERS) {
    if (recognizer.section !== section) continue;
    const args = guessArgs(recognizer, obj);
    if (args === undefined) continue;
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
    const madeKeys = Object.keys(made as Obj);
    const extraKeys = section === "tasks" ? Object.keys(obj).filter((k) => !madeKeys.includes(k)) : [];
    const compared = extraKeys.length === 0 ? obj : Object.fromEntries(madeKeys.map((k) => [k, obj[k]]));
    if (sameData(made, compared)) return { factory: recognizer.factory, args, extraKeys };
  }
  return undefined;
}
