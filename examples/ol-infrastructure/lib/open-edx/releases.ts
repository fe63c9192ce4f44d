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
