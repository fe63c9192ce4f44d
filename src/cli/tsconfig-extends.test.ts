import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { configChain, extendedConfigs } from "./tsconfig-extends.ts";

let work: string;
beforeEach(() => {
  work = realpathSync(mkdtempSync(join(tmpdir(), "hangar-tsconfig-extends-")));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** Writes each file (paths relative to the work folder). */
const files = (contents: Record<string, string>) => {
  for (const [path, text] of Object.entries(contents)) {
    mkdirSync(dirname(join(work, path)), { recursive: true });
    writeFileSync(join(work, path), text);
  }
};
const json = (value: unknown) => JSON.stringify(value);
/** The configs (and package.json files) app/tsconfig.json extends, relative to the work folder. */
const chain = () => extendedConfigs(join(work, "app/tsconfig.json")).map((file) => file.slice(work.length + 1));

test.each<[string, Record<string, string>, string[]]>([
  ["no extends", { "app/tsconfig.json": json({ compilerOptions: {} }) }, []],
  [
    "a chain of paths, with comments and trailing commas",
    {
      "app/tsconfig.json": '// the app\n{ "extends": "../shared/base", /* "extends": "./not-this.json" */ }\n',
      "shared/base.json": '{ "compilerOptions": { "paths": { "x": ["./a//b,"], }, }, "extends": "./root.json", }',
      "shared/root.json": "{}",
    },
    ["shared/base.json", "shared/root.json"],
  ],
  [
    "a name that is a file wins over its .json",
    { "app/tsconfig.json": json({ extends: "./base" }), "app/base": "{}", "app/base.json": "{}" },
    ["app/base"],
  ],
  [
    "`..`: the tsconfig.json in the folder above",
    { "app/tsconfig.json": json({ extends: ".." }), "tsconfig.json": "{}" },
    ["tsconfig.json"],
  ],
  [
    "a list of configs (TypeScript 5), one missing",
    {
      "app/tsconfig.json": json({ extends: ["./a.json", "./missing.json", "./b.json"] }),
      "app/a.json": "{}",
      "app/b.json": "{}",
    },
    ["app/a.json", "app/b.json"],
  ],
  [
    "a cycle: each file once",
    {
      "app/tsconfig.json": json({ extends: "./a.json" }),
      "app/a.json": json({ extends: ["./b.json", "./tsconfig.json"] }),
      "app/b.json": json({ extends: "./a.json" }),
    },
    ["app/a.json", "app/b.json"],
  ],
  [
    "a package's config, from the nearest node_modules that has it, with the package.json read",
    {
      "app/tsconfig.json": json({ extends: "@tsconfig/node20/tsconfig.json" }),
      "app/node_modules/@tsconfig/node20/package.json": json({ name: "@tsconfig/node20" }),
      "app/node_modules/@tsconfig/node20/tsconfig.json": json({ extends: "./base.json" }),
      "app/node_modules/@tsconfig/node20/base.json": "{}",
      "node_modules/@tsconfig/node20/tsconfig.json": "{}",
    },
    [
      "app/node_modules/@tsconfig/node20/tsconfig.json",
      "app/node_modules/@tsconfig/node20/base.json",
      "app/node_modules/@tsconfig/node20/package.json",
    ],
  ],
  [
    "a package named alone: its package.json's tsconfig field",
    {
      "app/tsconfig.json": json({ extends: "shared-config" }),
      "node_modules/shared-config/package.json": json({ tsconfig: "./configs/strict.json" }),
      "node_modules/shared-config/configs/strict.json": "{}",
      "node_modules/shared-config/tsconfig.json": "{}",
    },
    ["node_modules/shared-config/configs/strict.json", "node_modules/shared-config/package.json"],
  ],
  [
    "a package's exports, by conditions and pattern",
    {
      "app/tsconfig.json": json({ extends: ["configs", "configs/node.json"] }),
      "node_modules/configs/package.json": json({
        exports: {
          ".": { import: "./esm.json", require: "./main.json" },
          "./*.json": [{ browser: "./browser/*.json", default: "./dist/*.json" }],
        },
      }),
      "node_modules/configs/main.json": "{}",
      "node_modules/configs/dist/node.json": "{}",
      "node_modules/configs/tsconfig.json": "{}",
      "node_modules/configs/node.json": "{}",
    },
    ["node_modules/configs/main.json", "node_modules/configs/dist/node.json", "node_modules/configs/package.json"],
  ],
])("%s", (_, contents, expected) => {
  files(contents);
  expect(chain()).toEqual(expected);
});

test("a config reached through a symbolic link: its own extends are relative to where it really is", () => {
  files({
    "app/tsconfig.json": json({ extends: "./linked.json" }),
    "shared/real.json": json({ extends: "./root.json" }),
    "shared/root.json": "{}",
  });
  symlinkSync(join(work, "shared/real.json"), join(work, "app/linked.json"));
  expect(chain()).toEqual(["shared/real.json", "shared/root.json"]);
  // the link as named, read through it: repointed, it reads as another file
  expect(configChain(join(work, "app/tsconfig.json")).linked).toEqual([join(work, "app/linked.json")]);
});

test("the bases not found are named where they were looked for: one written there changes the settings", () => {
  files({
    "app/tsconfig.json": json({ extends: ["../shared/base", "@acme/tsconfig"] }),
    "node_modules/@acme/tsconfig/tsconfig.json": "{}",
  });
  mkdirSync(join(work, "app/node_modules/@acme/tsconfig"), { recursive: true });
  const { configs, absent } = configChain(join(work, "app/tsconfig.json"));
  const relative = (list: string[]) => list.map((file) => file.slice(work.length + 1));
  expect(relative(configs)).toEqual(["node_modules/@acme/tsconfig/tsconfig.json"]);
  // (a folder of the name is not a config: it is named too)
  expect(relative(absent)).toEqual([
    "shared/base",
    "shared/base.json",
    "app/node_modules/@acme/tsconfig/package.json",
    "app/node_modules/@acme/tsconfig/tsconfig.json",
    "app/node_modules/@acme/tsconfig",
    "app/node_modules/@acme/tsconfig.json",
    "node_modules/@acme/tsconfig/package.json",
  ]);
});
