/** The Open edX releases deployed somewhere, in the order pipelines are made for them. */
export const OPEN_EDX_RELEASES = ["master", "ulmo", "verawood"] as const;
export type OpenEdxRelease = (typeof OPEN_EDX_RELEASES)[number];

export type EnvStage = "CI" | "QA" | "Production";
export type OpenEdxDeploymentName = "mitx" | "mitx-staging" | "mitxonline" | "xpro";

/** One Open edX installation and the release each of its environments runs. */
export interface OpenEdxDeployment {
  readonly deploymentName: OpenEdxDeploymentName;
  readonly envReleases: readonly { readonly environment: EnvStage; readonly release: OpenEdxRelease }[];
}

/** The environments of `deployment` that run `release`. */
export const envsByRelease = (deployment: OpenEdxDeployment, release: OpenEdxRelease): EnvStage[] =>
  deployment.envReleases.filter((e) => e.release === release).map((e) => e.environment);

export const OPEN_EDX_DEPLOYMENTS: readonly OpenEdxDeployment[] = [
  {
    deploymentName: "mitx",
    envReleases: [
      { environment: "CI", release: "master" },
      { environment: "QA", release: "verawood" },
      { environment: "Production", release: "verawood" },
    ],
  },
  {
    deploymentName: "mitx-staging",
    envReleases: [
      { environment: "CI", release: "master" },
      { environment: "QA", release: "verawood" },
      { environment: "Production", release: "verawood" },
    ],
  },
  {
    deploymentName: "mitxonline",
    envReleases: [
      { environment: "CI", release: "master" },
      { environment: "QA", release: "master" },
      { environment: "Production", release: "master" },
    ],
  },
  {
    deploymentName: "xpro",
    envReleases: [
      { environment: "CI", release: "verawood" },
      { environment: "QA", release: "ulmo" },
      { environment: "Production", release: "ulmo" },
    ],
  },
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
      deployment.envReleases.some((e) => e.release === release) &&
      (RELEASE_APPLICATIONS[release][deployment.deploymentName] ?? []).includes(application),
  );
}
