import { pipeline, REGISTRY_IMAGE, task } from "hangar";
import { runIfMain } from "hangar/script";

const hello = task("hello-task", {
  config: {
    platform: "linux",
    image_resource: { type: REGISTRY_IMAGE, source: { repository: "busybox", tag: "latest" } },
    run: { path: "echo", args: ["Hello, World!"] },
  },
});

const definition = {
  name: "misc-cloud-hello",
  target: "pr-inf",
  // One deployment at a time: Pulumi locks the stack anyway.
  pipeline: pipeline({ jobs: [{ name: "deploy-hello-world", max_in_flight: 1, plan: [hello] }] }),
};

export default definition;
await runIfMain(import.meta.url, definition);
