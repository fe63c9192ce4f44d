import { expect, test } from "vitest";
import { toConcourse } from "../../render/to-concourse.ts";
import { hashicorpResource } from "../resource-types/hashicorp-release.ts";
import { hashicorpRelease } from "./hashicorp-release.ts";

test("hashicorpRelease uses the hashicorp-release type object and renders its name", () => {
  const resource = hashicorpRelease({ name: "consul-release", project: "consul" });
  expect(resource).toEqual({
    name: "consul-release",
    type: hashicorpResource(),
    icon: "lock-check",
    check_every: "24h",
    source: { project: "consul" },
  });
  expect(toConcourse(resource)).toEqual({
    name: "consul-release",
    type: "hashicorp-release",
    icon: "lock-check",
    check_every: "24h",
    source: { project: "consul" },
  });
});
