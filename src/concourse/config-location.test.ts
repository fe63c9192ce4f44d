import { expect, test } from "vitest";
import { location, locationIdentifier } from "./config-location.ts";

test("an entry is named by its index, or by its name when it has one (Go's location.String and Identifier)", () => {
  expect(location("resources", 2)).toBe("resources[2]");
  expect(locationIdentifier("jobs", 0, "build")).toBe("jobs.build");
  expect(locationIdentifier("jobs", 3, "")).toBe("jobs[3]");
});
