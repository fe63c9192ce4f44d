import { checkOptions, type OptionKinds } from "../../model/arguments.ts";
import type { Duration } from "../../model/common.ts";
import type { Resource } from "../../model/resource.ts";
import { type PypiSource, pypiResource } from "../resource-types/pypi.ts";

/** Options of {@link pypi}. */
export interface PypiOptions {
  /** The resource's name. */
  name: string;
  /** The package's name on PyPI. */
  packageName: string;
  /** Upload username. @default "((pypi_creds.username))" */
  username?: string | undefined;
  /** Upload password or token. @default "((pypi_creds.password))" */
  password?: string | undefined;
  /** @default "24h" */
  checkEvery?: Duration | "never" | undefined;
}

const PYPI_OPTIONS: OptionKinds<PypiOptions> = {
  name: "string",
  packageName: "string",
  username: "string?",
  password: "string?",
  checkEvery: "string?",
};

/**
 * A `pypi` resource: the releases of a package, and a place to upload new ones. Its `type` is the
 * {@link pypiResource} object.
 * @example pypi({ name: "pkg-release", packageName: "my-package" })
 * @see https://github.com/cf-platform-eng/concourse-pypi-resource
 */
export function pypi(options: Readonly<PypiOptions>): Resource<PypiSource> {
  const {
    name,
    packageName,
    username = "((pypi_creds.username))",
    password = "((pypi_creds.password))",
    checkEvery = "24h",
  } = checkOptions("pypi", options, PYPI_OPTIONS);
  return {
    name,
    type: pypiResource(),
    icon: "language-python",
    check_every: checkEvery,
    source: { name: packageName, packaging: "any", repository: { username, password } },
  };
}
