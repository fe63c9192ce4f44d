import { get, gitRepo, type Job, pipeline, schedule, task } from "hangar";
import { runIfMain } from "hangar/script";
import { dockerhubCachedImage } from "../lib/constants.ts";

const policies = gitRepo({ name: "ol-infrastructure", uri: "https://github.com/mitodl/ol-infrastructure" });
const daily = schedule({ name: "build-schedule", interval: "24h" });

const custodian = dockerhubCachedImage("cloudcustodian/c7n", "0.9.15.0");

/** Each job runs one Cloud Custodian policy file of the repository's `cloud_custodian/` directory, daily. */
const policyFiles: Record<string, string> = {
  "sync-ec2-tags": "sync_ec2_tags.yaml",
  "tag-ebs-resources-for-cleanup": "tag_ebs_resources_for_cleanup.yaml",
  "perform-ebs-cleanup": "cleanup_ebs_resources.yaml",
  "tag-packer-sg-for-cleanup": "tag_packer_security_groups_for_cleanup.yaml",
  "perform-packer-sg-cleanup": "cleanup_packer_security_groups.yaml",
};

const custodianJob = (name: string, file: string): Job => ({
  name,
  plan: [
    get(policies, { trigger: false }),
    get(daily, { trigger: true }),
    task(name, {
      config: {
        platform: "linux",
        image_resource: custodian,
        inputs: [{ name: policies.name }],
        run: {
          user: "root",
          path: "sh",
          args: [
            "-exc",
            `custodian run --region 'us-east-1' --output-dir '.' '${policies.name}/cloud_custodian/${file}'`,
          ],
        },
      },
    }),
  ],
});

const definition = {
  name: "misc-cloud-custodian",
  target: "pr-inf",
  pipeline: pipeline({
    resources: [daily, policies],
    jobs: Object.entries(policyFiles).map(([name, file]) => custodianJob(name, file)),
  }),
};

export default definition;
await runIfMain(import.meta.url, definition);
