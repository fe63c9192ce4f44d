/**
 * The resource types every Concourse worker brings (its "base" or core resource types), which a pipeline may
 * use without declaring them in `resource_types`.
 *
 * Source: the image Concourse's own CI builds the bundled resource types into,
 * concourse/ci `tasks/build-resource-types-image/Dockerfile` (commit cf710f0b7ba69aecbf9c696c2501e91c5f3086ec),
 * which copies exactly these into `/usr/local/concourse/resource-types/`; the same twelve repositories are the ones
 * concourse/concourse's release checklist (`.github/ISSUE_TEMPLATE/release-major-minor.md`) bumps for each release.
 * Workers can be deployed with other base types, and older Concourse releases bundled others.
 */
export const CORE_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  "bosh-io-release",
  "bosh-io-stemcell",
  "docker-image",
  "git",
  "github-release",
  "hg",
  "mock",
  "pool",
  "registry-image",
  "s3",
  "semver",
  "time",
]);
