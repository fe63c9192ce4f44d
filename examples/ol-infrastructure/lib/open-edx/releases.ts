/** The Open edX releases deployed somewhere, in the order pipelines are made for them. */
export const OPEN_EDX_RELEASES = ["master", "ulmo", "verawood"] as const;
export type OpenEdxRelease = (typeof OPEN_EDX_RELEASES)[number];

/** The environments of a deployment, in promotion order. */
export const ENV_STAGES = ["CI", "QA", "Production"] as const;
export type EnvStage = (typeof ENV_STAGES)[number];
export type OpenEdxDeploymentName = "mitx" | "mitx-staging" | "mitxonline" | "xpro";

/** One Open edX installation and the release each of its environments runs. */
export interface OpenEdxDeployment {
  readonly deploymentName: OpenEdxDeploymentName;
  readonly releases: Readonly<Record<EnvStage, OpenEdxRelease>>;
}

/** The environments of `deployment` that run `release`, in promotion order. */
export const envsByRelease = (deployment: OpenEdxDeployment, release: OpenEdxRelease): EnvStage[] =>
  ENV_STAGES.filter((environment) => deployment.releases[environment] === release);

export const OPEN_EDX_DEPLOYMENTS: readonly OpenEdxDeployment[] = [
  { deploymentName: "mitx", releases: { CI: "master", QA: "verawood", Production: "verawood" } },
  { deploymentName: "mitx-staging", releases: { CI: "master", QA: "verawood", Production: "verawood" } },
  { deploymentName: "mitxonline", releases: { CI: "master", QA: "master", Production: "master" } },
  { deploymentName: "xpro", releases: { CI: "verawood", QA: "ulmo", Production: "ulmo" } },
];

/** What every deployment runs, on every release. */
const COMMON_APPLICATIONS = [
  "authoring",
  "codejail",
  "communications",
  "discussions",
  "edx-platform",
  "edxapp_theme",
  "gradebook",
  "learning",
  "ora-grading",
];

/** What the MITx deployments (`mitx`, `mitx-staging`) add, on every release. */
const MITX_APPLICATIONS = [...COMMON_APPLICATIONS, "learner-dashboard", "notes-api", "xqueue", "xqwatcher"];

/** The applications each deployment runs, by release (a deployment runs a release in some environments). */
const RELEASE_APPLICATIONS: Readonly<
  Record<OpenEdxRelease, Partial<Record<OpenEdxDeploymentName, readonly string[]>>>
> = {
  ulmo: {
    mitx: MITX_APPLICATIONS,
    "mitx-staging": MITX_APPLICATIONS,
    xpro: [...COMMON_APPLICATIONS, "notes-api"],
  },
  verawood: {
    mitx: [...MITX_APPLICATIONS, "admin-console"],
    "mitx-staging": [...MITX_APPLICATIONS, "admin-console"],
    xpro: [...COMMON_APPLICATIONS, "notes-api", "admin-console"],
  },
  master: {
    mitxonline: [...COMMON_APPLICATIONS, "admin-console", "instructor", "xqueue", "xqwatcher"],
    mitx: [...MITX_APPLICATIONS, "admin-console", "instructor"],
    "mitx-staging": [...MITX_APPLICATIONS, "admin-console", "instructor"],
  },
};

/**
 * The deployments that run `application` on `release` in at least one environment.
 * @example deploymentsRunning("verawood", "xqwatcher").map((d) => d.deploymentName) // ["mitx", "mitx-staging"]
 */
export function deploymentsRunning(release: OpenEdxRelease, application: string): OpenEdxDeployment[] {
  return OPEN_EDX_DEPLOYMENTS.filter(
    (deployment) =>
      envsByRelease(deployment, release).length > 0 &&
      (RELEASE_APPLICATIONS[release][deployment.deploymentName] ?? []).includes(application),
  );
}
