import { testRule, yaml } from "../rule-tester.ts";
import rule from "./resource-type-unknown.ts";

testRule(rule, {
  valid: [
    {
      name: "core types and declared types",
      code: yaml`
        resource_types:
        - name: slack
          type: registry-image
          source: { repository: example/slack-resource }
        - name: chained
          type: slack
          source: {}
        resources:
        - { name: src, type: git, source: {} }
        - { name: notify, type: slack, source: {} }
        - { name: img, type: docker-image, source: {} }
        jobs:
        - name: build
          plan:
          - get: src
          - put: notify
          - get: img
          - task: t
            config:
              platform: linux
              image_resource: { type: registry-image, source: { repository: busybox } }
              run: { path: echo }
      `,
    },
    {
      name: "a declared type may override a core type and use it as its own type",
      code: yaml`
        resource_types:
        - { name: registry-image, type: registry-image, source: { repository: example/registry-image-resource } }
        resources:
        - { name: img, type: registry-image, source: {} }
        jobs: [{ name: build, plan: [{ get: img }] }]
      `,
    },
    {
      name: "((var)) types are not checked",
      code: yaml`
        resources:
        - { name: src, type: ((type)), source: {} }
        jobs: [{ name: build, plan: [{ get: src }] }]
      `,
    },
  ],
  invalid: [
    {
      name: "a resource of an undeclared type",
      code: yaml`
        resources:
        - name: notify
          type: slack-notification
          source: {}
        jobs: [{ name: build, plan: [{ put: notify }] }]
      `,
      errors: [
        {
          messageId: "unknown",
          path: "resources[0].type",
          line: 3,
          col: 9,
          message:
            "resource 'notify' has type 'slack-notification', which is neither declared in resource_types nor a core Concourse resource type",
          severity: "warning",
        },
      ],
    },
    {
      name: "resource types, prototypes and task images are checked; a type named after itself must be core",
      code: yaml`
        resource_types:
        - { name: pr, type: gcr-image, source: {} }
        - { name: loop, type: loop, source: {} }
        prototypes:
        - { name: proto, type: oci-image, source: {} }
        resources:
        - { name: src, type: pr, source: {} }
        jobs:
        - name: build
          plan:
          - get: src
          - try:
              task: t
              config:
                platform: linux
                image_resource: { type: dockerimage, source: {} }
                run: { path: echo }
      `,
      errors: [
        {
          messageId: "unknown",
          path: "jobs[0].plan[1].try.config.image_resource.type",
          message:
            "the image_resource of task 't' has type 'dockerimage', which is neither declared in resource_types nor a core Concourse resource type; did you mean 'docker-image'?",
        },
        {
          messageId: "unknown",
          path: "prototypes[0].type",
          message:
            "prototype 'proto' has type 'oci-image', which is neither declared in resource_types nor a core Concourse resource type",
        },
        {
          messageId: "unknown",
          path: "resource_types[0].type",
          message:
            "resource type 'pr' has type 'gcr-image', which is neither declared in resource_types nor a core Concourse resource type",
        },
        { messageId: "unknown", path: "resource_types[1].type" },
      ],
    },
  ],
});
