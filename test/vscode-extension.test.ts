import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";

/** The VS Code extension in editors/vscode, tested by reading its manifest and its settings module. */
const extension = resolve(import.meta.dirname, "../editors/vscode");
const manifest = JSON.parse(readFileSync(join(extension, "package.json"), "utf8"));
const settings = createRequire(import.meta.url)(join(extension, "settings.js")) as {
  DEFAULT_GLOBS: string[];
  serverOptions(s: { path?: string; strict?: boolean }): { command: string; args: string[]; transport: number };
  serverSettings(s: { varsFiles?: string[]; vars?: Record<string, unknown> }): unknown;
  documentSelector(globs?: string[]): { language: string; pattern: string }[];
  yamlSchemas(current: Record<string, unknown> | undefined, uri: string, globs?: string[]): unknown;
};

describe("editors/vscode", () => {
  test("the manifest starts on YAML files and names an entry file that exists", () => {
    expect(manifest.activationEvents).toEqual(["onLanguage:yaml"]);
    expect(existsSync(join(extension, manifest.main))).toBe(true);
    expect(manifest.engines.vscode).toMatch(/^\^1\./);
    expect(Object.keys(manifest.dependencies)).toEqual(["vscode-languageclient"]);
    expect(manifest.scripts.package).toBe("node scripts/package.mjs");
  });

  test("the schema is registered for the default pipeline globs, which are also the setting's default", () => {
    const globs = ["**/ci/**/*.yml", "**/pipeline*.yml"];
    expect(manifest.contributes.yamlValidation).toEqual(
      globs.map((fileMatch) => ({ fileMatch, url: "./schema.json" })),
    );
    expect(manifest.contributes.configuration.properties["hangar.pipelineGlobs"].default).toEqual(globs);
    expect(settings.DEFAULT_GLOBS).toEqual(globs);
  });

  test("the server is `hangar lsp` over stdio, --strict when asked", () => {
    expect(settings.serverOptions({})).toEqual({ command: "hangar", args: ["lsp"], transport: 0 });
    expect(settings.serverOptions({ path: "/opt/hangar", strict: true })).toEqual({
      command: "/opt/hangar",
      args: ["lsp", "--strict"],
      transport: 0,
    });
  });

  test("the vars settings are the server's initializationOptions, under hangar, and the section it is sent", () => {
    const properties = manifest.contributes.configuration.properties;
    expect(properties["hangar.varsFiles"]).toMatchObject({ type: "array", items: { type: "string" }, default: [] });
    expect(properties["hangar.vars"]).toMatchObject({ type: "object", default: {} });
    expect(settings.serverSettings({})).toEqual({ hangar: { varsFiles: [], vars: {} } });
    expect(settings.serverSettings({ varsFiles: ["ci/vars.yml"], vars: { auto: true } })).toEqual({
      hangar: { varsFiles: ["ci/vars.yml"], vars: { auto: true } },
    });
    const source = readFileSync(join(extension, "extension.js"), "utf8");
    expect(source).toMatch(/initializationOptions: serverSettings\(/);
    expect(source).toMatch(/configurationSection: "hangar"/);
  });

  test("documents are the YAML files of the configured globs", () => {
    expect(settings.documentSelector(undefined)).toEqual([
      { language: "yaml", pattern: "**/ci/**/*.yml" },
      { language: "yaml", pattern: "**/pipeline*.yml" },
    ]);
    expect(settings.documentSelector(["deploy/*.yaml"])).toEqual([{ language: "yaml", pattern: "deploy/*.yaml" }]);
  });

  test("custom globs are added to yaml.schemas, keeping the user's other schemas; defaults add nothing", () => {
    expect(settings.yamlSchemas({}, "file:///ext/schema.json", undefined)).toBeUndefined();
    expect(settings.yamlSchemas({ "other.json": ["*.yaml"] }, "file:///ext/schema.json", ["deploy/*.yaml"])).toEqual({
      "other.json": ["*.yaml"],
      "file:///ext/schema.json": ["deploy/*.yaml"],
    });
  });

  test("the extension starts the language client from the settings module", () => {
    const source = readFileSync(join(extension, "extension.js"), "utf8");
    expect(source).toMatch(/require\("vscode-languageclient\/node"\)/);
    expect(source).toMatch(/serverOptions\(/);
    expect(source).toMatch(/documentSelector: documentSelector\(globs\)/);
  });
});
