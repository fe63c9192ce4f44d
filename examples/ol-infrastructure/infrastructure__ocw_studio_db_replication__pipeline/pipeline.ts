import { type ImageResource, pipeline, task } from "hangar";
import { runIfMain } from "hangar/script";
import { dockerhubEcrImageUri, ECR_REGION } from "../lib/constants.ts";

const postgres: ImageResource = {
  type: "registry-image",
  source: { repository: dockerhubEcrImageUri("postgres"), tag: "12", aws_region: ECR_REGION },
};

/** Connection settings of one database, as libpq environment variables read from the `prefix` vars. */
const connection = (prefix: string) => ({
  PGHOST: `((${prefix}.host))`,
  PGPORT: `((${prefix}.port))`,
  PGUSER: `((${prefix}.username))`,
  PGPASSWORD: `((${prefix}.password))`,
});

const dump = task("run-pg-dump", {
  privileged: false,
  config: {
    platform: "linux",
    image_resource: postgres,
    outputs: [{ name: "dump" }],
    params: connection("source"),
    run: { path: "/bin/sh", args: ["-c", "pg_dump -v -Fc -d ((source.database)) > ./dump/db.dump"] },
  },
});

const restore = task("run-pg-restore", {
  privileged: false,
  config: {
    platform: "linux",
    image_resource: postgres,
    inputs: [{ name: "dump" }],
    params: connection("destination"),
    run: {
      path: "/bin/sh",
      args: ["-c", "pg_restore -v --clean --no-privileges --no-owner -d ((destination.database)) ./dump/db.dump"],
    },
  },
});

const definition = {
  name: "ocw-studio-db-replication",
  target: "qa-ocw",
  pipeline: pipeline({ jobs: [{ name: "restore-db", build_log_retention: { builds: 10 }, plan: [dump, restore] }] }),
};

export default definition;
await runIfMain(import.meta.url, definition);
