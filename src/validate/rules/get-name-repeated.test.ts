import { testRule, yaml } from "../rule-tester.ts";
import rule from "./get-name-repeated.ts";

// a job with more gets than are searched one by one (the rest go in a set)
const many = Array.from({ length: 20 }, (_, i) => `          - get: g${i}`).join("\n");

testRule(rule, {
  valid: [
    yaml`
      jobs:
      - name: a
        plan:
        - get: repo
        - get: repo-again
          resource: repo
      - name: b
        plan:
        - get: repo
    `,
  ],
  invalid: [
    {
      code: yaml`
        jobs:
        - name: a
          plan:
          - get: repo
          - in_parallel:
            - get: repo
              resource: other
          ensure:
            get: repo
      `,
      errors: [
        { messageId: "repeated", path: "jobs[0].ensure.get", message: "repeated get name 'repo'" },
        { messageId: "repeated", path: "jobs[0].plan[1].in_parallel[0].get", message: "repeated get name 'repo'" },
      ],
    },
    {
      name: "a job with many gets: repeats after the first sixteen are found too, per job",
      code: yaml`
        jobs:
        - name: a
          plan:
${many}
          - get: g3
          - get: g19
        - name: b
          plan:
          - get: g3
      `,
      errors: [
        { messageId: "repeated", path: "jobs[0].plan[20].get" },
        { messageId: "repeated", path: "jobs[0].plan[21].get" },
      ],
    },
  ],
});
