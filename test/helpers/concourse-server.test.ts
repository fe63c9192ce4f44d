import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startConcourseServer } from "./concourse-server.ts";

const TOKEN = "fake-token";
let server: Awaited<ReturnType<typeof startConcourseServer>>;
beforeEach(async () => {
  server = await startConcourseServer({ token: TOKEN, teams: ["main"] });
});
afterEach(() => server.close());

/** Saves a pipeline with the query given as written (`vars.<path>=<json>`, the path's quotes as they are). */
const save = (query: string) =>
  fetch(`${server.url}/api/v1/teams/main/pipelines/app/config?${query}`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ jobs: [{ name: "j", plan: [] }] }),
  });

describe("the local Concourse server reads vars.<path> query keys as Concourse's ParseReference reads them", () => {
  test.each([
    ['vars.a."b=1', `instance vars are malformed: invalid var 'vars.a."b': contains unclosed quotes`],
    ["vars..a=1", "instance vars are malformed: invalid var 'vars..a': empty field"],
    ['vars.a/".."=1', `instance vars are malformed: invalid var 'vars.a/".."': empty field`],
    ["vars.a.=1", "instance vars are malformed: invalid var 'vars.a.': empty field"],
  ])("%s is refused", async (query, error) => {
    const answer = await save(encodeURI(query));
    expect({ status: answer.status, body: await answer.json() }).toEqual({ status: 400, body: { errors: [error] } });
    expect(server.pipelines).toEqual([]);
  });

  test("quoted fields keep their dots, paths are cleaned, and a source before a colon is split off", async () => {
    expect((await save(encodeURI('vars."a.b"=1&vars.c/=2&vars.d.e=3&vars.x:y=4&vars."p":q=5'))).status).toBe(201);
    // vars.x:y and vars."p":q: sources split off (vars.x, vars.p), their paths (y, q) are not under vars
    expect(server.pipelines.map((p) => p.instanceVars)).toEqual(['{"a.b":1,"c":2,"d":{"e":3}}']);
  });
});
