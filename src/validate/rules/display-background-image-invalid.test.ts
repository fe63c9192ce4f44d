import { testRule, yaml } from "../rule-tester.ts";
import rule from "./display-background-image-invalid.ts";

testRule(rule, {
  valid: [
    yaml`
      display: { background_image: "https://example.org/bg.png" }
      jobs: [{ name: j, plan: [] }]
    `,
    yaml`
      display: { background_image: "/public/bg.png?x=1#top" }
      jobs: [{ name: j, plan: [] }]
    `,
    yaml`
      display: {}
      jobs: [{ name: j, plan: [] }]
    `,
    {
      name: "an unknown scheme parses (display-background-image-scheme reports it)",
      code: yaml`
        display: { background_image: "img:sky.png" }
        jobs: [{ name: j, plan: [] }]
      `,
    },
  ],
  invalid: [
    {
      code: yaml`
        display: { background_image: "://images.example.org/sky.jpg" }
        jobs: [{ name: j, plan: [] }]
      `,
      errors: [
        {
          messageId: "invalid",
          path: "display.background_image",
          message: "background_image is not a valid URL: ://images.example.org/sky.jpg",
        },
      ],
    },
    {
      code: yaml`
        display: { background_image: "http://host:port/x.png" }
        jobs: [{ name: j, plan: [] }]
      `,
      errors: [{ messageId: "invalid", path: "display.background_image" }],
    },
    {
      code: yaml`
        display: { background_image: "bg%zz.png" }
        jobs: [{ name: j, plan: [] }]
      `,
      errors: [{ messageId: "invalid", path: "display.background_image" }],
    },
  ],
});
