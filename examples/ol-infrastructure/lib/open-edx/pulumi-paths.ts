/**
 * What a Pulumi project reads besides its code, so its pipeline triggers on those files only: the
 * version pins (one file per version constant) and the SOPS secrets. Every project a pipeline deploys
 * must be listed, an empty list meaning "reads none".
 */
const PROJECTS: Readonly<
  Record<string, { readonly versions: readonly string[]; readonly secrets: readonly string[] }>
> = {
  "applications/xqwatcher/": { versions: [], secrets: [] },
};

function project(projectPath: string) {
  const key = projectPath.endsWith("/") ? projectPath : `${projectPath}/`;
  const entry = PROJECTS[key];
  if (entry === undefined) throw new Error(`Pulumi project '${key}' is not listed in lib/open-edx/pulumi-paths.ts`);
  return entry;
}

/** The version-pin files a Pulumi project (path under `src/ol_infrastructure/`) reads. */
export const projectVersionPaths = (projectPath: string): string[] =>
  [...new Set(project(projectPath).versions)].sort().map((name) => `src/bridge/lib/version_pins/${name}`);

/** The secrets (directories or files under `src/bridge/secrets/`) a Pulumi project reads. */
export const projectSecretsPaths = (projectPath: string): string[] =>
  project(projectPath).secrets.map((entry) => `src/bridge/secrets/${entry}`);
