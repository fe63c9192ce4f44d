import { testRule, yaml } from "../rule-tester.ts";
import rule from "./task-image-overridden.ts";

testRule(rule, {
  valid: [
    yaml`
      jobs:
      - name: j
        plan:
        - task: a
          image: built
          config: { platform: linux, run: { path: "true" } }
        - task: b
          config:
            platform: linux
            image_resource: { type: registry-image, source: { repository: busybox } }
            run: { path: "true" }
        - task: c
          image: built
          file: t.yml
    `,
  ],
  invalid: [
    {
      code: yaml`
        jobs:
        - name: j
          plan:
          - task: a
            image: built
            config:
              platform: linux
              image_resource: { type: registry-image, source: { repository: busybox } }
              run: { path: "true" }
          - task: b
            image: built
            config: { platform: linux, rootfs_uri: "docker:///busybox", run: { path: "true" } }
      `,
      errors: [
        {
          messageId: "overridden",
          path: "jobs[0].plan[0].image",
          severity: "warning",
          message:
            "specifies image: on the step but also specifies an image under config: - the image: on the step takes precedence",
        },
        { messageId: "overridden", path: "jobs[0].plan[1].image" },
      ],
    },
  ],
});
