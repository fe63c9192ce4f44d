import { describe, expect, test } from "vitest";
import { testRule, yaml } from "../rule-tester.ts";
import rule, { localVarRefs } from "./dataflow-local-var-undefined.ts";

describe("localVarRefs", () => {
  test("finds local vars with fields and quoted names, ignores other vars and text that is no var", () => {
    expect(
      localVarRefs(`v((.:version)) ((.:meta.tag)) ((.:"my.var".x)) ((creds)) ((vault:path.key)) (( .:spaced ))`),
    ).toEqual([
      { name: "version", ref: "((.:version))" },
      { name: "meta", ref: "((.:meta.tag))" },
      { name: "my.var", ref: '((.:"my.var".x))' },
    ]);
  });

  test("reads a name as Concourse does: a quoted source, a path cleaned; a name it refuses is no local var", () => {
    expect(
      localVarRefs(`((".":version)) ((.:tools//app/.tag)) ((.:"tools/../app")) ((.:"open)) ((.:app/".."))`),
    ).toEqual([
      { name: "version", ref: '((".":version))' },
      { name: "tools/app", ref: "((.:tools//app/.tag))" },
      { name: "app", ref: '((.:"tools/../app"))' },
    ]);
  });
});

testRule(rule, {
  valid: [
    {
      name: "load_var, then the var used in params, a task config and a nested step",
      code: yaml`
        jobs:
        - name: deploy
          plan:
          - get: src
          - load_var: version
            file: src/version
          - put: app
            params: { tag: "v((.:version))" }
          - do:
            - task: t
              config:
                platform: linux
                run: { path: echo, args: ["((.:version.major))"] }
      `,
    },
    {
      name: "across vars inside the across step; values may use earlier vars",
      code: yaml`
        jobs:
        - name: deploy
          plan:
          - get: src
          - load_var: envs
            file: src/envs.json
          - put: app
            across:
            - var: env
              values: ((.:envs))
            params: { target: ((.:env)) }
      `,
    },
    {
      name: "after an in_parallel, vars loaded in any branch are defined; job hooks see the whole plan",
      code: yaml`
        jobs:
        - name: deploy
          plan:
          - get: src
          - in_parallel:
            - load_var: a
              file: src/a
            - load_var: b
              file: src/b
          - put: app
            params: { a: ((.:a)), b: ((.:b)) }
          on_failure:
            put: app
            params: { a: ((.:a)) }
      `,
    },
    {
      name: "a get step, and a put's implicit get, define a var holding the version's metadata",
      code: yaml`
        jobs:
        - name: deploy
          plan:
          - get: pr
            resource: pull-requests
          - put: status
            resource: pull-requests
            params: { ref: ((.:pr.ref)) }
          - put: notify
            params: { text: "built ((.:pr.ref)), status ((.:status.state))" }
      `,
    },
    {
      name: "credential vars and vars from a named var source are not local vars",
      code: yaml`
        jobs:
        - name: deploy
          plan:
          - put: app
            params: { a: ((password)), b: ((vault:secret/path.key)) }
      `,
    },
  ],
  invalid: [
    {
      name: "a quoted local source is read, and the name cleaned as a path, as Concourse looks it up",
      code: yaml`
        jobs:
        - name: deploy
          plan:
          - load_var: version
            file: src/version
          - put: app
            params: { a: '((".":version))', b: "((.:version/))", c: '((".":versions))' }
      `,
      errors: [
        {
          messageId: "undefined",
          path: "jobs[0].plan[1].params.c",
          line: 7,
          col: 61,
          message:
            "'((\".\":versions))' uses local var 'versions', which no earlier load_var, get or enclosing across step in job 'deploy' defines",
          severity: "warning",
        },
      ],
    },
    {
      name: "used before the load_var",
      code: yaml`
        jobs:
        - name: deploy
          plan:
          - put: app
            params:
              tag: v((.:version))
          - get: src
          - load_var: version
            file: src/version
      `,
      errors: [
        {
          messageId: "undefined",
          path: "jobs[0].plan[0].params.tag",
          line: 6,
          col: 12,
          message:
            "'((.:version))' uses local var 'version', which no earlier load_var, get or enclosing across step in job 'deploy' defines",
          severity: "warning",
        },
      ],
    },
    {
      name: "an across var is gone after its step and not seen by its hooks; its values cannot use it",
      code: yaml`
        jobs:
        - name: deploy
          plan:
          - put: app
            across:
            - var: env
              values: [((.:env))]
            params: { target: ((.:env)) }
            on_failure:
              put: app
              params: { target: ((.:env)) }
          - put: app
            params: { target: ((.:env.name)) }
      `,
      errors: [
        { messageId: "undefined", path: "jobs[0].plan[0].across[0].values[0]" },
        { messageId: "undefined", path: "jobs[0].plan[0].on_failure.params.target" },
        { messageId: "undefined", path: "jobs[0].plan[1].params.target" },
      ],
    },
    {
      name: "a var loaded inside an across step is gone after it; in_parallel siblings do not see each other's vars",
      code: yaml`
        jobs:
        - name: deploy
          plan:
          - get: src
          - load_var: v
            across: [{ var: i, values: [a, b] }]
            file: src/((.:i))
          - in_parallel:
              limit: 2
              steps:
              - load_var: w
                file: src/w
              - put: app
                params: { v: ((.:v)), w: ((.:w)) }
      `,
      errors: [
        { messageId: "undefined", path: "jobs[0].plan[2].in_parallel.steps[1].params.v" },
        { messageId: "undefined", path: "jobs[0].plan[2].in_parallel.steps[1].params.w" },
      ],
    },
    {
      name: "a put with no_get defines no var",
      code: yaml`
        jobs:
        - name: deploy
          plan:
          - put: status
            no_get: true
          - put: notify
            params: { text: ((.:status.state)) }
      `,
      errors: [{ messageId: "undefined", path: "jobs[0].plan[1].params.text" }],
    },
    {
      name: "two undefined vars in one string are both reported, once each",
      code: yaml`
        jobs:
        - name: deploy
          plan:
          - put: app
            params: { tag: "((.:a))-((.:b))-((.:a))" }
      `,
      errors: [
        {
          messageId: "undefined",
          path: "jobs[0].plan[0].params.tag",
          message:
            "'((.:a))' uses local var 'a', which no earlier load_var, get or enclosing across step in job 'deploy' defines",
        },
        {
          messageId: "undefined",
          path: "jobs[0].plan[0].params.tag",
          message:
            "'((.:b))' uses local var 'b', which no earlier load_var, get or enclosing across step in job 'deploy' defines",
        },
      ],
    },
  ],
});
