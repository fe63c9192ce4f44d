import { testRule, yaml } from "../rule-tester.ts";
import rule from "./display-background-image-scheme.ts";

testRule(rule, {
  valid: [
    yaml`
      display: { background_image: "HTTP://example.org/bg.png" }
      jobs: [{ name: j, plan: [] }]
    `,
    yaml`
      display: { background_image: "bg.png" }
      jobs: [{ name: j, plan: [] }]
    `,
  ],
  invalid: [
    {
      code: yaml`
        display: { background_image: "ftp://example.org/bg.png" }
        jobs: [{ name: j, plan: [] }]
      `,
      errors: [
        {
          messageId: "scheme",
          path: "display.background_image",
          message: "background_image scheme must be either http, https or relative",
        },
      ],
    },
  ],
});
