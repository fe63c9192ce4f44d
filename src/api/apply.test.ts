import { describe, expect, test } from "vitest";
import { instanceVarsKey } from "../concourse/instance-vars.ts";
import { createdMessage, pipelineLabel } from "./apply.ts";
import { instanceVarsQuery } from "./client.ts";

describe("a pipeline's name with its instance vars, as fly writes and reads it", () => {
  test("sorted and flattened; a string fly's YAML would read as another value is quoted", () => {
    const ref = {
      team: "main",
      name: "app",
      instanceVars: { version: "1.10", pr: "123", branch: "feature/x", deploy: { region: "eu" }, n: 2, ok: true },
    };
    // fly reads `pr:123` as the number 123 and `version:1.10` as 1.1: another pipeline, which it does not find
    expect(pipelineLabel(ref)).toBe('app/branch:feature/x,deploy.region:eu,n:2,ok:true,pr:"123",version:"1.10"');
    expect(createdMessage(ref, "ci", false)).toBe(
      'created pipeline app/branch:feature/x,deploy.region:eu,n:2,ok:true,pr:"123",version:"1.10"; it is paused: unpause it with `fly -t ci unpause-pipeline -p \'app/branch:feature/x,deploy.region:eu,n:2,ok:true,pr:"123",version:"1.10"\' --team main` or apply with --unpause',
    );
  });

  test("a comma or a colon in a value, an empty string, and a dot in a key are quoted, so that fly reads them back", () => {
    const ref = { team: "main", name: "app", instanceVars: { "a.b": "x,y", c: "k: v", d: "" } };
    expect(pipelineLabel(ref)).toBe('app/"a.b":"x,y",c:"k: v",d:""');
    expect(pipelineLabel({ team: "main", name: "app" })).toBe("app");
  });
});

test("instance vars name the same pipeline in any key order, nested too; a name with a dot is not a path", () => {
  expect(instanceVarsKey({ a: 1, branch: { name: "x", pr: 2 } })).toBe(
    instanceVarsKey({ branch: { pr: 2, name: "x" }, a: 1 }),
  );
  expect(instanceVarsKey({ "branch.name": "x" })).not.toBe(instanceVarsKey({ branch: { name: "x" } }));
  expect(instanceVarsKey({ v: { a: 1 } })).not.toBe(instanceVarsKey({ v: [["a", 1]] }));
  expect(instanceVarsKey({})).toBe(instanceVarsKey());
});

test("a mapping with no value under it is no instance var, as fly's -i and the API's query give none for it", () => {
  // the same pipeline as the one set: the label, the duplicate check and the query agree
  expect(instanceVarsKey({ a: {}, b: { c: {} }, pr: 1 })).toBe(instanceVarsKey({ pr: 1 }));
  expect(instanceVarsKey({ a: {} })).toBe(instanceVarsKey({}));
  expect(pipelineLabel({ team: "main", name: "app", instanceVars: { a: {}, b: { c: {}, d: 2 } } })).toBe("app/b.d:2");
  expect(pipelineLabel({ team: "main", name: "app", instanceVars: { a: { b: {} } } })).toBe("app");
  expect(instanceVarsQuery({ a: {}, b: { c: {}, d: 2 } })).toBe("?vars.b.d=2");
  // a list or a null is a value
  expect(pipelineLabel({ team: "main", name: "app", instanceVars: { l: [], n: null } })).toBe("app/l:[],n:null");
});
