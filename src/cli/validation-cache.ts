import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { UnknownReference } from "../fragment/pipeline.ts";
import type { TemplateVars } from "../parse/vars.ts";
import type { FileValidation } from "../validate/validate-value.ts";
import { findNotPlainData, sameData } from "../walk/plain-data.ts";
import { isValidationEntry, keepNewest, readIfPresent, validationEntryName, writeAtomically } from "./cache-dir.ts";
import { VERSION } from "./version.ts";

/**
 * The diagnostics of a rendered pipeline, kept in hangar's cache folder so that rendering an unchanged pipeline
 * again does not validate it again: the validator is neither loaded nor run (a cached `hangar render` of
 * docker-baseline, paired runs beside `node -e 0`: see bench section 3, "validation re-run" against the cached
 * row). An entry is reused only when everything that decides the diagnostics is the same:
 * - the text written, compared whole (kept in the entry; no hash, so no crypto module on this path). The data
 *   validated is what that text says: the renderer's data is plain objects, lists and scalars, so when it holds
 *   nothing JSON would change (checked before an entry is used) the text determines it;
 * - the file name shown, the output format, fly's vars with their values as loaded (from `-v`, `-y`,
 *   `-l`, `-i` and the module's instance vars) and the names `pipeline()` found undefined, as one JSON key (not
 *   cached when JSON would not tell those values apart, a date or an infinite number, say);
 * - hangar's build: its version and the size and time of the code running (the CLI's bundle), so a rebuilt or
 *   upgraded hangar, whose rules may differ, validates again. Run from its TypeScript sources (tests in
 *   process), hangar has no such stamp and keeps no entry.
 * One entry per pipeline module (the last validation of it), written through a temporary file and a rename; an
 * entry that is missing, unreadable or of another key means validating again.
 *
 * An entry is one line of JSON, its {@link Header}, then the text as it was written out. The text is not a string
 * inside the JSON, which `JSON.stringify` would escape and `JSON.parse` read back: `hangar render` of a module
 * building the bench workload at 10,000 jobs (a text of 24 MB), whole process, medians of 7 rounds alternating
 * the two layouts: 1,436 ms against 1,603 when the validation is kept, 872 against 991 when it is reused.
 */

/** Bump when an entry's layout changes, so that older entries are not read. */
const ENTRY_FORMAT = 2;

/**
 * How many entries the folder keeps (one per pipeline module); the least recently written go first. A batch of
 * more modules keeps one for each of them (see {@link pruneValidations}).
 */
const ENTRIES_KEPT = 100;

/** The diagnostics of a pipeline data that is not plain data: not kept, since the text does not say what was validated. */
const NOT_DATA_RULE = "input/not-data";

/** What a validation of rendered data depends on. */
export interface ValidationInputs {
  /** The pipeline module, as a path the cache folder is found from. */
  readonly path: string;
  /** The file name the diagnostics carry. */
  readonly file: string;
  /** The text written (or that would be): what the data validated says. */
  readonly text: string;
  readonly format: "json" | "yaml";
  readonly vars?: TemplateVars | undefined;
  readonly unknownReferences?: readonly UnknownReference[] | undefined;
  /** The pipeline is one of a batch, which cleans up the folder once, after it (see {@link pruneValidations}). */
  readonly inBatch?: boolean | undefined;
}

/**
 * Cleans up the kept validations in `cacheDir` after a batch of `modules` modules: the newest {@link ENTRIES_KEPT}
 * stay, or one for each module of the batch when it has more.
 */
export function pruneValidations(cacheDir: string, modules: number): void {
  keepNewest(cacheDir, isValidationEntry, Math.max(ENTRIES_KEPT, modules));
}

/** A validation as kept: its diagnostics and whether they stop the pipeline from being written. */
export interface KeptValidation {
  readonly result: FileValidation;
  readonly errors: boolean;
}

/** The first line of an entry: everything but the text, which follows it. */
interface Header extends KeptValidation {
  readonly format: number;
  readonly hangar: string;
  readonly key: string;
  /**
   * The text's length (UTF-16 code units), so that a text of another length misses without the rest being decoded:
   * at 10,000 jobs of the bench workload (24 MB), a miss on a changed pipeline takes 22 ms (reading the file) where it
   * took 36 without this check.
   */
  readonly length: number;
}

const NEWLINE = 0x0a;

/** Where a pipeline's validation is kept, and under which key; see {@link validationCache}. */
export interface ValidationCache {
  /** The kept validation of this very input, or undefined. `data` is the data validated (checked, not changed). */
  readonly read: (data: unknown) => KeptValidation | undefined;
  /** Keeps a validation of this input (never throws: a folder that cannot be written only costs the next run). */
  readonly write: (validation: KeptValidation) => void;
}

/**
 * The cache of the validation of `inputs` in `cacheDir` (hangar's cache folder for the module), or undefined
 * when it is not kept: no folder, no build stamp, or inputs JSON cannot key exactly. `hangar` is the build
 * stamp (default: this build's, see {@link buildStamp}).
 */
export function validationCache(
  inputs: ValidationInputs,
  cacheDir: string | undefined,
  hangar: string | undefined = buildStamp(),
): ValidationCache | undefined {
  if (cacheDir === undefined || hangar === undefined) return undefined;
  const parts = [inputs.file, inputs.format, inputs.vars ?? null, inputs.unknownReferences ?? []];
  let key: string;
  try {
    key = JSON.stringify(parts);
    if (!sameData(JSON.parse(key), parts)) return undefined;
  } catch {
    return undefined;
  }
  const file = join(cacheDir, validationEntryName(inputs.path));
  return {
    read(data) {
      const bytes = readIfPresent(file);
      // a header's JSON has no line break in it (JSON.stringify escapes them), so the first one ends it
      const end = bytes?.indexOf(NEWLINE) ?? -1;
      if (bytes === undefined || end < 0) return undefined;
      try {
        const header = JSON.parse(bytes.toString("utf8", 0, end)) as Header;
        const same =
          header.format === ENTRY_FORMAT &&
          header.hangar === hangar &&
          header.key === key &&
          header.length === inputs.text.length;
        if (!same || !isFileValidation(header.result) || typeof header.errors !== "boolean") return undefined;
        // compared as read back: a text UTF-8 cannot hold exactly (a lone surrogate) never equals it, a miss
        if (bytes.toString("utf8", end + 1) !== inputs.text) return undefined;
        // the entry was kept for plain data (see write); this data must be plain too for the text to say what it is
        if (findNotPlainData(data) !== undefined) return undefined;
        return { result: header.result, errors: header.errors };
      } catch {
        return undefined;
      }
    },
    write({ result, errors }) {
      if (result.diagnostics.some((d) => d.ruleId === NOT_DATA_RULE)) return;
      const header: Header = { format: ENTRY_FORMAT, hangar, key, length: inputs.text.length, result, errors };
      try {
        mkdirSync(cacheDir, { recursive: true });
        writeAtomically(file, `${JSON.stringify(header)}\n${inputs.text}`);
        if (inputs.inBatch !== true) keepNewest(cacheDir, isValidationEntry, ENTRIES_KEPT);
      } catch {
        // not kept: the next run validates again
      }
    },
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const optional = (value: unknown, type: "string" | "number") => value === undefined || typeof value === type;

/** `value` is a position as a diagnostic carries it. */
const isSourceLoc = (value: unknown): boolean =>
  isObject(value) &&
  typeof value.line === "number" &&
  typeof value.col === "number" &&
  optional(value.file, "string") &&
  optional(value.endLine, "number") &&
  optional(value.endCol, "number");

/** `value` has every field of a diagnostic that a report reads, each of its type. */
function isDiagnostic(value: unknown): boolean {
  if (!isObject(value)) return false;
  const { ruleId, severity, parity, message, path, loc, messageId, data, fly } = value;
  return (
    typeof ruleId === "string" &&
    (severity === "error" || severity === "warning") &&
    (parity === "concourse" || parity === "hangar") &&
    typeof message === "string" &&
    Array.isArray(path) &&
    path.every((step) => typeof step === "string" || typeof step === "number") &&
    (loc === undefined || isSourceLoc(loc)) &&
    optional(messageId, "string") &&
    (data === undefined ||
      (isObject(data) && Object.values(data).every((v) => typeof v === "string" || typeof v === "number"))) &&
    optional(fly, "string")
  );
}

/**
 * `value` is a validation as kept: an entry that is JSON but not of this shape (edited, or written by a broken
 * build) is a miss, validated again, never a crash of the report that reads it.
 */
const isFileValidation = (value: unknown): value is FileValidation =>
  isObject(value) &&
  typeof value.file === "string" &&
  Array.isArray(value.diagnostics) &&
  value.diagnostics.every(isDiagnostic);

/**
 * This build of hangar: its version and the size and modification time of the file its CLI runs from (the
 * bundle `dist/cli-run.cjs`, or the ES module chunk holding this code); undefined when running from TypeScript
 * sources, where no one file stands for the validator's code.
 */
export function buildStamp(url: string = import.meta.url): string | undefined {
  if (!url.startsWith("file:") || /\.[cm]?ts$/.test(url)) return undefined;
  try {
    const { size, mtimeMs } = statSync(fileURLToPath(url));
    return `${VERSION} ${size} ${mtimeMs}`;
  } catch {
    return undefined;
  }
}
