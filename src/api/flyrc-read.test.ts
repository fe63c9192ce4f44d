import { describe, expect, test } from "vitest";
import { selectTarget } from "./flyrc.ts";
import { readFlyrc } from "./flyrc-read.ts";

const FILE = "/h/.flyrc";
const CI = "targets:\n  ci:\n    api: http://127.0.0.1:8080\n";
/** The error readFlyrc throws for a text, or "read" when it reads it. */
const refusal = (text: string | Uint8Array): string => {
  try {
    readFlyrc(text, FILE);
    return "read";
  } catch (error) {
    return (error as Error).message;
  }
};
const target = (text: string, name = "ci") => readFlyrc(text, FILE).targets.get(name);

describe("a .flyrc is read whole, as fly reads it", () => {
  test.each([
    ["a target that is a string", `${CI}  prod: http://ci\n`, "(line 4, column 9): target prod is a string, not a map"],
    ["a target that is a list", `${CI}  prod: [http://ci]\n`, "(line 4, column 9): target prod is a list, not a map"],
    [
      "a token that is a string",
      `${CI}  prod:\n    api: http://ci\n    token: abc\n`,
      "(line 6, column 12): the token of target prod is a string, not a map",
    ],
    [
      "an insecure that is a string",
      `${CI}  prod:\n    insecure: 'yes'\n`,
      "(line 5, column 15): the insecure of target prod is a string, not true or false",
    ],
    [
      "a team that is a map",
      `${CI}  prod:\n    team: {name: a}\n`,
      "(line 5, column 11): the team of target prod is a map, not a string",
    ],
    [
      "a token value that is a list",
      `${CI}  prod:\n    token: {type: bearer, value: [a]}\n`,
      "(line 5, column 34): the token value of target prod is a list, not a string",
    ],
    [
      "a target named by the float -0.0 (-0 to sigs.k8s.io/yaml) whose api is a list",
      `${CI}  -0.0:\n    api: [a]\n`,
      "(line 5, column 10): the api of target -0 is a list, not a string",
    ],
  ])("%s refuses the file, whichever target is used", (_, text, message) => {
    expect(refusal(text)).toBe(`in the file '${FILE}' ${message}`);
    expect(() => selectTarget(text, "ci", FILE)).toThrow(`in the file '${FILE}' ${message}`);
  });

  test("a target that is empty, or has fields fly does not know, is no error until it is used", () => {
    const text = `${CI}  empty:\n  odd:\n    api: http://ci\n    colour: [red]\n    dns: {a: 1}\n`;
    expect(target(text, "empty")).toEqual({
      api: "",
      team: "",
      insecure: false,
      caCert: "",
      clientCertPath: "",
      clientKeyPath: "",
    });
    expect(selectTarget(text, "odd", FILE)).toMatchObject({ api: "http://ci", team: "main" });
    expect(() => selectTarget(text, "empty", FILE)).toThrow(`in the file '${FILE}': target empty has no api URL`);
  });

  test("a key repeated is read as fly reads it, the last one winning, not refused", () => {
    expect(selectTarget(`${CI}    team: a\n    team: b\n`, "ci", FILE).team).toBe("b");
    expect(readFlyrc(`${CI}targets:\n  cd:\n    api: http://cd\n`, FILE).targets.has("ci")).toBe(false);
  });

  test("keys are matched to fly's fields in any case, as encoding/json matches them", () => {
    expect(
      selectTarget("Targets:\n  ci:\n    API: http://ci\n    Team: a\n    INSECURE: yes\n", "ci", FILE),
    ).toMatchObject({
      api: "http://ci",
      team: "a",
      insecure: true,
    });
    // both name the field: json reads them in the order it writes them, sorted by their bytes (`Team` first)
    expect(target(`${CI}    team: b\n    Team: a\n`)?.team).toBe("b");
    // Go folds the Kelvin sign into k and the long s into s; a dotted capital I is no i
    expect(target(`${CI}    to\u212aen: {type: bearer, value: v}\n    in\u017fecure: true\n`)).toMatchObject({
      token: { type: "bearer", value: "v" },
      insecure: true,
    });
    expect(target(`${CI}    \u0130nsecure: true\n`)?.insecure).toBe(false);
    // a second token is decoded into the first; a null one takes it away; null leaves a text as it was
    expect(target(`${CI}    TOKEN: {value: v}\n    token: {type: basic}\n`)?.token).toEqual({
      type: "basic",
      value: "v",
    });
    expect(target(`${CI}    Token: {value: v}\n    token: ~\n`)?.token).toBeUndefined();
    expect(target(`${CI}    TEAM: a\n    team: ~\n`)?.team).toBe("a");
    // a second targets mapping adds its targets to the first's; null empties them
    expect([...readFlyrc("TARGETS:\n  a: {api: http://a}\ntargets:\n  b: {}\n", FILE).targets.keys()]).toEqual([
      "a",
      "b",
    ]);
    expect(readFlyrc("TARGETS:\n  a: {api: http://a}\ntargets: ~\n", FILE).targets.size).toBe(0);
  });

  test("a number or boolean where fly wants a text is the text sigs.k8s.io/yaml makes of it", () => {
    const team = (written: string) => target(`${CI}    team: ${written}\n`)?.team;
    expect(
      ["42", "1.5", "0.1", "3.14159265358979", "1000000.0", "1e6", "1000000", "12345678901234567890"].map(team),
    ).toEqual(["42", "1.5", "0.1", "3.1415927", "1e+06", "1e+06", "1000000", "12345678901234567890"]);
    expect(["123456789012345678901234", "0x1F", "-0", "-0.0", ".inf", "-.inf", ".nan"].map(team)).toEqual([
      "1.2345679e+23",
      "31",
      "0",
      "-0",
      "+Inf",
      "-Inf",
      "NaN",
    ]);
    expect(["yes", "off", "y", "2001-12-14", "1:20", "!!str 1.5", "''", "~"].map(team)).toEqual([
      "true",
      "false",
      "true",
      "2001-12-14",
      "1:20",
      "1.5",
      "",
      "",
    ]);
    expect(selectTarget(`${CI}    token: {type: bearer, value: 1.5}\n`, "ci", FILE).authorization).toBe("Bearer 1.5");
    expect(selectTarget(`${CI}    token: {type: 1e3, value: 0.1}\n`, "ci", FILE).authorization).toBe("1000 0.1");
    expect(selectTarget(`${CI}    team: 1e6\n`, "ci", FILE).team).toBe("1e+06");
  });

  test("a float JSON cannot hold is refused where fly wants no text, even in a field it does not know", () => {
    const where = (line: string) => refusal(`${CI}${line}`);
    expect(where("    colour: [1, {a: .inf}]\n")).toBe(
      `in the file '${FILE}' (line 4, column 21): targets.ci.colour[1].a is infinite or not a number, which JSON cannot hold (json: unsupported value: +Inf), so fly cannot read the file: quote it for a text`,
    );
    expect(where("    insecure: .nan\n")).toMatch(/\(line 4, column 15\): targets\.ci\.insecure is infinite .*: NaN\)/);
    // before the list is found where a text is wanted, as fly turns the file into JSON before decoding it
    expect(where("    team: [-.inf]\n")).toMatch(/\(line 4, column 12\): targets\.ci\.team\[0\] is infinite/);
    expect(where("  prod: .inf\n")).toMatch(/targets\.prod is infinite/);
    expect(() => selectTarget(`${CI}    colour: .inf\n`, "ci", FILE)).toThrow(/targets\.ci\.colour is infinite/);
  });

  test("the bytes are read as go-yaml reads them: UTF-16 with its byte order mark, invalid UTF-8 refused at its place", () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${CI}    team: é\n`, "utf16le")]);
    expect(readFlyrc(utf16, FILE).targets.get("ci")?.team).toBe("é");
    const bad = Buffer.concat([Buffer.from(`${CI}    team: a`), Buffer.from([0xff]), Buffer.from("\n")]);
    expect(() => selectTarget(bad, "ci", FILE)).toThrow(
      `in the file '${FILE}' (line 4, column 12): invalid leading UTF-8 octet`,
    );
    expect(readFlyrc(Buffer.from(`\ufeff${CI}`), FILE).targets.get("ci")?.api).toBe("http://127.0.0.1:8080");
  });

  test("a target named __proto__ or constructor is a target like any other", () => {
    const text = "targets:\n  __proto__: {api: http://a}\n  constructor: {api: http://b}\n";
    expect([...readFlyrc(text, FILE).targets.keys()].sort()).toEqual(["__proto__", "constructor"]);
    expect(selectTarget(text, "__proto__", FILE).api).toBe("http://a");
    expect(() => selectTarget(CI, "__proto__", FILE)).toThrow(/^unknown target: __proto__/);
    expect(() => selectTarget(CI, "toString", FILE)).toThrow(/^unknown target: toString/);
  });

  test("a merge key writes over the keys before it, as go-yaml v2 merges", () => {
    const text = "base: &base {api: http://ci, team: a}\ntargets:\n  ci:\n    team: b\n    <<: *base\n";
    expect(selectTarget(text, "ci", FILE)).toMatchObject({ api: "http://ci", team: "a" });
  });

  test("only the first document is read, as go-yaml's Unmarshal reads it", () => {
    expect(target(`${CI}---\n: : not yaml [\n`)?.api).toBe("http://127.0.0.1:8080");
  });
});
