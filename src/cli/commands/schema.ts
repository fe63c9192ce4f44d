import { resolve } from "node:path";
import { defineCommand, describeWrite, EXIT, reportError } from "../define-command.ts";
import type { WriteOutcome } from "../io.ts";
import { outFile } from "../options.ts";

export default defineCommand({
  name: "schema",
  summary:
    "Print the JSON Schema of pipelines and task config files, told apart as validate does (--task: task configs only)",
  arguments: "",
  options: [
    { flags: "-o, --out <file>", description: "write the schema to a file instead of stdout (- for stdout)" },
    {
      flags: "--task",
      description: "the schema of a task config file (what fly execute -c runs, a task step's file: names)",
      default: false,
    },
  ],
  async run({ values }, io) {
    const { schemaFile } = await import("../../schema/schema-file.ts");
    const name = values.task === true ? "task-schema.json" : "schema.json";
    const file = schemaFile(undefined, name);
    if (file === undefined) {
      reportError(io, "schema", `dist/${name} is missing (run \`npm run build\` in the hangar package)`);
      return EXIT.failure;
    }
    const schema = await io.readFile(file);
    const out = outFile(values.out);
    if (out === undefined) {
      io.stdout(schema);
      return EXIT.ok;
    }
    let outcome: WriteOutcome;
    try {
      outcome = await io.writeFile(resolve(io.cwd(), out), schema);
    } catch (error) {
      const { fileProblem } = await import("../file-problem.ts");
      reportError(io, "schema", `cannot write ${out}: ${fileProblem(error, "write")}`);
      return EXIT.failure;
    }
    io.stderr(`${describeWrite(outcome, out)}\n`);
    return EXIT.ok;
  },
});
