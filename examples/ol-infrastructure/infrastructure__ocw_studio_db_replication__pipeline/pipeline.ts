import { pipeline, type TaskInput, type TaskOutput, task } from "hangar";
import { runIfMain } from "hangar/script";
import { dockerhubCachedImage } from "../lib/constants.ts";

const postgres = dockerhubCachedImage("postgres", "12");

/** Connection settings of one database, as libpq environment variables read from the `prefix` vars. */
const connection = (prefix: string) => ({
  PGHOST: `((${prefix}.host))`,
  PGPORT: `((${prefix}.port))`,
  PGUSER: `((${prefix}.username))`,
  PGPASSWORD: `((${prefix}.password))`,
});

/** A postgres client task: `command` runs against the database whose settings are the `database` vars. */
interface PgTaskOptions {
  name: string;
  database: "source" | "destination";
  command: string;
  inputs?: TaskInput[];
  outputs?: TaskOutput[];
}

const pgTask = ({ name, database, command, ...artifacts }: PgTaskOptions) =>
  task(name, {
    privileged: false,
    config: {
      platform: "linux",
      image_resource: postgres,
      ...artifacts,
      params: connection(database),
      run: { path: "/bin/sh", args: ["-c", command] },
    },
  });

const dump = pgTask({
  name: "run-pg-dump",
  database: "source",
  command: "pg_dump -v -Fc -d ((source.database)) > ./dump/db.dump",
  outputs: [{ name: "dump" }],
});
const restore = pgTask({
  name: "run-pg-restore",
  database: "destination",
  command: "pg_restore -v --clean --no-privileges --no-owner -d ((destination.database)) ./dump/db.dump",
  inputs: [{ name: "dump" }],
});

const definition = {
  name: "ocw-studio-db-replication",
  target: "qa-ocw",
  pipeline: pipeline({ jobs: [{ name: "restore-db", build_log_retention: { builds: 10 }, plan: [dump, restore] }] }),
};

export default definition;
await runIfMain(import.meta.url, definition);
