/**
 * The files of the ol-infrastructure repository a pipeline's git resource lists in `paths`, so that
 * the pipeline triggers when they change and only then.
 */

/** Files whose change rebuilds every Packer image. */
export const PACKER_WATCHED_PATHS: readonly string[] = [
  "src/bilder/images/packer.pkr.hcl",
  "src/bilder/images/config.pkr.hcl",
  "src/bilder/images/variables.pkr.hcl",
  "src/bilder/components/",
];

/** Files whose change redeploys every Pulumi project (the shared code and the secrets tooling). */
export const PULUMI_WATCHED_PATHS: readonly string[] = [
  "src/ol_infrastructure/lib/",
  "src/ol_infrastructure/components/",
  "pipelines/infrastructure/scripts/",
  "src/bridge/secrets/sops.py",
  "src/bridge/secrets/__init__.py",
  "src/bridge/secrets/bin/",
];

/** The version pins (one file per version constant) each Packer image bakes in. */
const IMAGE_VERSIONS: Readonly<Record<string, readonly string[]>> = {
  docker_baseline_ami: ["CONSUL_TEMPLATE_VERSION", "CONSUL_VERSION", "VAULT_VERSION"],
};

/**
 * What each Pulumi project (path under `src/ol_infrastructure/`) reads besides its code: version pins
 * and SOPS secrets. An empty list means "reads none"; a project missing here is an error, so that no
 * pipeline silently watches too little.
 */
const PULUMI_PROJECTS: Readonly<
  Record<string, { readonly versions: readonly string[]; readonly secrets: readonly string[] }>
> = {
  "applications/xqwatcher/": { versions: [], secrets: [] },
};

/** The files of version pins `names`, sorted, each once. */
const versionPinPaths = (names: readonly string[]): string[] =>
  [...new Set(names)].sort().map((name) => `src/bridge/lib/version_pins/${name}`);

function listed<T>(table: Readonly<Record<string, T>>, key: string, what: string): T {
  const entry = table[key];
  if (entry === undefined) throw new Error(`${what} '${key}' is not listed in lib/watched-paths.ts`);
  return entry;
}

/**
 * The version-pin files a Packer image reads, so its pipeline rebuilds when one of them changes.
 * @example imageVersionPaths("docker_baseline_ami") // ["src/bridge/lib/version_pins/CONSUL_TEMPLATE_VERSION", ...]
 */
export const imageVersionPaths = (image: string): string[] =>
  versionPinPaths(listed(IMAGE_VERSIONS, image, "Packer image"));

const pulumiProject = (projectPath: string) =>
  listed(PULUMI_PROJECTS, projectPath.endsWith("/") ? projectPath : `${projectPath}/`, "Pulumi project");

/** The version-pin files a Pulumi project (path under `src/ol_infrastructure/`) reads. */
export const projectVersionPaths = (projectPath: string): string[] =>
  versionPinPaths(pulumiProject(projectPath).versions);

/** The secrets (directories or files under `src/bridge/secrets/`) a Pulumi project reads. */
export const projectSecretsPaths = (projectPath: string): string[] =>
  pulumiProject(projectPath).secrets.map((entry) => `src/bridge/secrets/${entry}`);
