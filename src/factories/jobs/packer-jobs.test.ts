import { describe, expect, test } from "vitest";
import { deepFreeze, snapshot } from "../../../test/helpers/deep-freeze.ts";
import type { GetStep } from "../../model/step.ts";
import { toConcourse } from "../../render/to-concourse.ts";
import { packerBuild, packerValidate } from "../resource-types/packer.ts";
import { gitRepo } from "../resources/git-repo.ts";
import { packerJobs } from "./packer-jobs.ts";

const imageCode = gitRepo({ name: "images", uri: "https://github.com/org/images" });
const rendered = (f: { resource_types: unknown; resources: unknown; jobs: unknown }) =>
  toConcourse({ resource_types: f.resource_types, resources: f.resources, jobs: f.jobs });

describe("packerJobs", () => {
  test("defaults: one server node type, the default template path", () => {
    const deps: GetStep[] = deepFreeze([{ get: "tool-release", trigger: true }]);
    const before = snapshot(deps);
    const jobs = packerJobs({ dependencies: deps, imageCode });
    expect(deps).toEqual(before);
    expect(rendered(jobs)).toEqual({
      resource_types: [
        {
          name: "packer-validator",
          type: "registry-image",
          source: { repository: "mitodl/concourse-packer-resource", tag: "latest" },
        },
        {
          name: "packer-builder",
          type: "registry-image",
          source: { repository: "mitodl/concourse-packer-resource-builder", tag: "latest" },
        },
      ],
      resources: [
        { name: "packer-validate", type: "packer-validator" },
        { name: "packer-build", type: "packer-builder" },
      ],
      jobs: [
        {
          name: "validate-packer-template",
          plan: [
            { get: "tool-release", trigger: true },
            { get: "images", trigger: true },
            {
              in_parallel: [
                {
                  put: "packer-validate",
                  params: {
                    template: "images/src/bilder/images/.",
                    objective: "validate",
                    vars: { node_type: "server" },
                  },
                },
              ],
            },
          ],
        },
        {
          name: "build-packer-template",
          plan: [
            { get: "tool-release", passed: ["validate-packer-template"], trigger: true },
            { get: "images", passed: ["validate-packer-template"], trigger: true },
            {
              in_parallel: [
                {
                  put: "packer-build",
                  params: {
                    template: "images/src/bilder/images/.",
                    objective: "build",
                    vars: { node_type: "server" },
                    env_vars: {
                      AWS_REGION: "us-east-1",
                      PYTHONPATH: `\${PYTHONPATH}:images/src`,
                      PACKER_GITHUB_API_TOKEN: "((github.public_repo_access_token))",
                    },
                    env_vars_from_files: {},
                  },
                  attempts: 3,
                },
              ],
            },
          ],
        },
      ],
    });
  });

  test("node types, vars, extra params and a suffix; named handles", () => {
    const options = deepFreeze({
      dependencies: [{ get: "base-ami", passed: ["elsewhere"] }] as GetStep[],
      imageCode,
      packerTemplatePath: "packer/app.pkr.hcl",
      nodeTypes: ["web", "worker"],
      packerVars: { app: "lms", node_type: "replaced" },
      envVarsFromFiles: { VERSION: "base-ami/version" },
      extraPackerParams: { only: ["amazon-ebs.app"] },
      jobNameSuffix: "lms",
    });
    const jobs = packerJobs(options);
    expect(jobs.validateJob.name).toBe("validate-packer-template-lms");
    expect(jobs.buildJob).toBe(jobs.jobs[1]);
    expect(jobs.validateResource).toEqual({ name: "packer-validate", type: packerValidate() });
    expect(jobs.buildResource).toEqual({ name: "packer-build", type: packerBuild() });
    expect(jobs.validateType).toEqual(packerValidate());
    expect(jobs.buildType).toEqual(packerBuild());
    const validate = (node: string) => ({
      put: "packer-validate",
      params: {
        template: "images/packer/app.pkr.hcl",
        objective: "validate",
        vars: { app: "lms", node_type: node },
        only: ["amazon-ebs.app"],
      },
    });
    const build = (node: string) => ({
      put: "packer-build",
      params: {
        template: "images/packer/app.pkr.hcl",
        objective: "build",
        vars: { app: "lms", node_type: node },
        env_vars: {
          AWS_REGION: "us-east-1",
          PYTHONPATH: `\${PYTHONPATH}:images/src`,
          PACKER_GITHUB_API_TOKEN: "((github.public_repo_access_token))",
        },
        env_vars_from_files: { VERSION: "base-ami/version" },
        only: ["amazon-ebs.app"],
      },
      attempts: 3,
    });
    expect(toConcourse(jobs.validateJob)).toEqual({
      name: "validate-packer-template-lms",
      plan: [
        { get: "base-ami", passed: ["elsewhere"] },
        { get: "images", trigger: true },
        { in_parallel: [validate("web"), validate("worker")] },
      ],
    });
    expect(toConcourse(jobs.buildJob)).toEqual({
      name: "build-packer-template-lms",
      plan: [
        { get: "base-ami", passed: ["validate-packer-template-lms"] },
        { get: "images", passed: ["validate-packer-template-lms"], trigger: true },
        { in_parallel: [build("web"), build("worker")] },
      ],
    });
    expect(packerJobs(options)).toEqual(jobs);
  });

  test("an empty node type list means the default; trailing dashes of the names are dropped", () => {
    const jobs = packerJobs({ dependencies: [], imageCode, nodeTypes: [], jobNameSuffix: "x--" });
    expect(jobs.jobs.map((j) => j.name)).toEqual(["validate-packer-template-x", "build-packer-template-x"]);
    expect(toConcourse(jobs.validateJob.plan[1])).toEqual({
      in_parallel: [
        {
          put: "packer-validate",
          params: { template: "images/src/bilder/images/.", objective: "validate", vars: { node_type: "server" } },
        },
      ],
    });
  });
});
