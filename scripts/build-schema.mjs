// Generates dist/schema.json (the package's `hangar/schema.json`) and dist/task-schema.json (`hangar/task-schema.json`,
// the task config part of it) from the model: src/schema/generate.ts
// runs ts-json-schema-generator over src/model/pipeline.ts. The result is kept in node_modules/.cache,
// keyed by a hash of the model and the generator, because the TypeScript program takes seconds to build.
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const cacheDir = join(repo, "node_modules/.cache/hangar-schema");
/** The code of `src/<file>` bundled with all it imports of src (packages stay imports), not written anywhere. */
async function bundled(file) {
  const result = await build({
    entryPoints: [join(repo, "src", file)],
    write: false,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  return result.outputFiles[0].contents;
}

// the generator bundled with all it imports (the shape descriptors of src/parse among them), then hashed with
// the model it reads
const generatorCode = await bundled("schema/generate.ts");
const inputs = [
  ...readdirSync(join(repo, "src/model"))
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => join(repo, "src/model", f)),
  join(repo, "package-lock.json"),
];
const hash = createHash("sha256").update(generatorCode);
for (const file of inputs) hash.update(file).update(readFileSync(file));
const cached = join(cacheDir, `schema-${hash.digest("hex").slice(0, 16)}.json`);

if (!existsSync(cached)) {
  mkdirSync(cacheDir, { recursive: true });
  const generator = join(cacheDir, "generate.mjs");
  writeFileSync(generator, generatorCode);
  const { generateSchema } = await import(pathToFileURL(generator).href);
  const schema = await generateSchema({
    path: join(repo, "src/model/pipeline.ts"),
    tsconfig: join(repo, "tsconfig.json"),
  });
  writeFileSync(cached, `${JSON.stringify(schema, null, 2)}\n`);
}
mkdirSync(join(repo, "dist"), { recursive: true });
copyFileSync(cached, join(repo, "dist/schema.json"));

// The JSON Schema of a task config file (dist/task-schema.json): the task config part of the pipeline schema
// (src/schema/task-schema.ts), derived from it on every build (it takes milliseconds).
const taskCode = Buffer.from(await bundled("schema/task-schema.ts")).toString("base64");
const { taskConfigSchema } = await import(`data:text/javascript;base64,${taskCode}`);
const taskSchema = taskConfigSchema(JSON.parse(readFileSync(cached, "utf8")));
writeFileSync(join(repo, "dist/task-schema.json"), `${JSON.stringify(taskSchema, null, 2)}\n`);
