import { resolve } from "node:path";
import { defineCommand, EXIT, reportError } from "../define-command.ts";

export default defineCommand({
  name: "schema",
  summary: "Print the JSON Schema of pipeline YAML (for editors and check-jsonschema)",
  arguments: "",
  options: [{ flags: "-o, --out <file>", description: "write the schema to a file instead of stdout" }],
  async run({ values }, io) {
    const { schemaFile } = await import("../../schema/schema-file.ts");
    const file = schemaFile();
    if (file === undefined) {
      reportError(io, "schema", "dist/schema.json is missing (run `npm run build` in the hangar package)");
      return EXIT.failure;
    }
    const schema = await io.readFile(file);
    if (typeof values.out !== "string") {
      io.stdout(schema);
      return EXIT.ok;
    }
    try {
      await io.writeFile(resolve(io.cwd(), values.out), schema);
    } catch (error) {
      reportError(
        io,
        "schema",
        `cannot write ${values.out}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return EXIT.failure;
    }
    io.stderr(`wrote ${values.out}\n`);
    return EXIT.ok;
  },
});
