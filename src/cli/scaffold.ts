import { gitRepo } from "../factories/resources/git-repo.ts";
import { registryImage } from "../factories/resources/registry-image.ts";
import { get, put, task } from "../factories/steps.ts";
import { pipeline } from "../fragment/pipeline.ts";
import type { Pipeline } from "../model/pipeline.ts";
import { renderYaml } from "../render/render.ts";

/** Options of {@link scaffold}. */
export interface ScaffoldOptions {
  /** The npm package name of the project. */
  readonly packageName: string;
  /** The pipeline's name: its folder under `pipelines/` and its name in Concourse. */
  readonly pipelineName: string;
  /** The fly target the printed command uses. */
  readonly target: string;
  /** The dependency spec of hangar in package.json: a version range, a tarball or a folder. */
  readonly hangarSpec: string;
}

/**
 * The starting pipeline, built as the scaffolded module builds it, so that the committed snapshot
 * can be written before anything is installed (a test checks that the module renders to it).
 */
function starterPipeline(): Pipeline {
  const source = gitRepo({ name: "source", uri: "https://github.com/example/app.git", branch: "main" });
  const image = registryImage({ name: "image", imageRepository: "registry.example.com/example/app" });
  return pipeline({
    jobs: [
      {
        name: "test",
        plan: [get(source, { trigger: true }), task("unit", { file: "source/ci/unit.yml" })],
      },
      {
        name: "publish",
        plan: [
          get(source, { trigger: true, passed: ["test"] }),
          task("build", { file: "source/ci/build.yml", privileged: true }),
          put(image, { params: { image: "image/image.tar" } }),
        ],
      },
    ],
  });
}

const starterModule = (name: string, target: string): string => `/**
 * The ${name} pipeline: tests every commit of the repository, then builds and pushes its image.
 * \`npm run render\` writes pipeline.yml beside this file and prints the fly command that sets it.
 */
import { get, gitRepo, pipeline, put, registryImage, task } from "hangar";

const source = gitRepo({ name: "source", uri: "https://github.com/example/app.git", branch: "main" });
const image = registryImage({ name: "image", imageRepository: "registry.example.com/example/app" });

export default {
  name: ${JSON.stringify(name)},
  target: ${JSON.stringify(target)},
  pipeline: pipeline({
    jobs: [
      {
        name: "test",
        plan: [get(source, { trigger: true }), task("unit", { file: "source/ci/unit.yml" })],
      },
      {
        name: "publish",
        plan: [
          get(source, { trigger: true, passed: ["test"] }),
          task("build", { file: "source/ci/build.yml", privileged: true }),
          put(image, { params: { image: "image/image.tar" } }),
        ],
      },
    ],
  }),
};
`;

const snapshotTest = (
  name: string,
): string => `// Every pipeline renders to the pipeline.yml committed beside it: \`npm run render\` updates it, and
// this test fails when a module was changed without it (or when an upgrade of hangar changes the output).
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { renderYaml } from "hangar";
import { loadPipelineModule } from "hangar/script";

for (const name of [${JSON.stringify(name)}]) {
  test(\`pipelines/\${name} renders to its committed pipeline.yml\`, async () => {
    const definition = await loadPipelineModule(\`pipelines/\${name}/pipeline.ts\`, process.cwd());
    const committed = await readFile(\`pipelines/\${name}/pipeline.yml\`, "utf8");
    assert.equal(renderYaml(definition.pipeline), committed);
  });
}
`;

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * The files of a new pipeline project, by path relative to its folder: package.json (an ES module
 * package with scripts render, check and test), a strict tsconfig.json, one pipeline module, the
 * YAML it renders to, a test comparing the two, and .gitignore.
 */
export function scaffold({ packageName, pipelineName, target, hangarSpec }: ScaffoldOptions): Record<string, string> {
  const entry = `pipelines/${pipelineName}/pipeline.ts`;
  const rendered = `pipelines/${pipelineName}/pipeline.yml`;
  return {
    "package.json": json({
      name: packageName,
      version: "0.0.0",
      private: true,
      type: "module",
      scripts: {
        render: `hangar render ${entry} --format yaml -o ${rendered}`,
        check: `hangar render ${entry} --format yaml -o ${rendered} --check`,
        test: "node --test test/pipelines.test.js",
      },
      dependencies: { hangar: hangarSpec },
    }),
    "tsconfig.json": json({
      compilerOptions: {
        target: "ES2022",
        module: "nodenext",
        moduleResolution: "nodenext",
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        noPropertyAccessFromIndexSignature: true,
        verbatimModuleSyntax: true,
        // tsc only type-checks: hangar render compiles the modules itself, and a .js file emitted beside one would be
        // what an import of its .js name (`./shared.js`, as `hangar import --split` writes) loads
        noEmit: true,
      },
      include: ["pipelines"],
    }),
    [entry]: starterModule(pipelineName, target),
    [rendered]: renderYaml(starterPipeline()),
    "test/pipelines.test.js": snapshotTest(pipelineName),
    ".gitignore": "node_modules/\ndefinition.json\ndefinition.yml\n",
  };
}
