import { testRule, yaml } from "../rule-tester.ts";
import rule from "./resource-type-unused.ts";

testRule(rule, {
  valid: [
    {
      name: "types used by a resource, another type, a prototype and a task image",
      code: yaml`
        resource_types:
        - { name: base, type: registry-image, source: {} }
        - { name: chained, type: base, source: {} }
        - { name: for-proto, type: registry-image, source: {} }
        - { name: for-image, type: registry-image, source: {} }
        prototypes:
        - { name: proto, type: for-proto, source: {} }
        resources:
        - { name: src, type: chained, source: {} }
        jobs:
        - name: build
          plan:
          - get: src
          - do:
            - task: t
              config:
                platform: linux
                image_resource: { type: for-image, source: {} }
                run: { path: echo }
      `,
    },
    {
      name: "an override of a core type may be used by the image_resource of a task from file:",
      code: yaml`
        resource_types:
        - { name: registry-image, type: registry-image, source: { repository: example/registry-image-resource } }
        resources:
        - { name: src, type: git, source: {} }
        jobs:
        - name: build
          plan:
          - get: src
          - task: t
            file: src/ci/task.yml
      `,
    },
  ],
  invalid: [
    {
      name: "a type nothing uses",
      code: yaml`
        resource_types:
        - name: slack
          type: registry-image
          source: {}
        resources:
        - { name: src, type: git, source: {} }
        jobs: [{ name: build, plan: [{ get: src }] }]
      `,
      errors: [
        {
          messageId: "unused",
          path: "resource_types[0].name",
          line: 2,
          col: 9,
          message: "resource type 'slack' is not used by any resource, resource type, prototype or task image_resource",
          severity: "warning",
        },
      ],
    },
    {
      name: "a core override that uses itself as its type, with no task from file:, is unused",
      code: yaml`
        resource_types:
        - { name: git, type: git, source: {} }
        - { name: unused-too, type: registry-image, source: {} }
        jobs:
        - name: build
          plan:
          - task: t
            config:
              platform: linux
              image_resource: { type: registry-image, source: {} }
              run: { path: echo }
      `,
      errors: [
        {
          messageId: "unused",
          path: "resource_types[0].name",
          message: "resource type 'git' is not used by any resource, resource type, prototype or task image_resource",
        },
        { messageId: "unused", path: "resource_types[1].name" },
      ],
    },
  ],
});
