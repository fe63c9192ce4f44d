import { type FSWatcher, watch } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { EXIT, type ExitCode } from "./define-command.ts";
import type { Io } from "./io.ts";
import { plural } from "./plural.ts";

/**
 * The local files a module is built from: itself and every file it imports by a relative path
 * (packages are left out), as esbuild bundles it. Only the module itself when it does not build.
 */
export async function moduleInputs(file: string, cwd: string): Promise<string[]> {
  const path = resolve(cwd, file);
  const { build } = await import("esbuild");
  try {
    const result = await build({
      entryPoints: [path],
      bundle: true,
      packages: "external",
      platform: "node",
      format: "esm",
      write: false,
      metafile: true,
      logLevel: "silent",
      absWorkingDir: cwd,
    });
    return Object.keys(result.metafile.inputs).map((input) => resolve(cwd, input));
  } catch {
    return [path];
  }
}

/** Options of {@link watchRender}. */
export interface WatchOptions {
  /** Ends the watch (Ctrl-C). */
  readonly signal: AbortSignal;
  /** How long changes are collected before rendering again, in ms. @default 100 */
  readonly debounceMs?: number;
}

/**
 * Resolves when one of `files` changes (after `debounceMs` without further changes) or `signal`
 * aborts. Watches the files' folders rather than the files, so that editors that save by replacing
 * a file are seen too.
 */
function nextChange(files: ReadonlySet<string>, { signal, debounceMs = 100 }: WatchOptions): Promise<void> {
  return new Promise((done) => {
    const watchers: FSWatcher[] = [];
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      signal.removeEventListener("abort", finish);
      done();
    };
    if (signal.aborted) return finish();
    signal.addEventListener("abort", finish);
    const byFolder = new Map<string, Set<string>>();
    for (const file of files) {
      const names = byFolder.get(dirname(file)) ?? new Set<string>();
      names.add(basename(file));
      byFolder.set(dirname(file), names);
    }
    for (const [folder, names] of byFolder) {
      try {
        const watcher = watch(folder, (_event, name) => {
          if (name !== null && !names.has(name.toString())) return;
          clearTimeout(timer);
          timer = setTimeout(finish, debounceMs);
        });
        watcher.on("error", () => undefined);
        watchers.push(watcher);
      } catch {
        // a folder that went away: the other files are still watched
      }
    }
  });
}

/**
 * `--watch`: runs `render` (which prints its findings and fly commands), then again each time one of
 * the entries or a local file they import changes, until `signal` aborts; errors in a run are
 * printed by `render` and the watch goes on. Returns 0 once `signal` aborts (Ctrl-C ends a watch as asked, whatever
 * the last run found: its findings were printed).
 */
export async function watchRender(
  entries: readonly string[],
  render: () => Promise<ExitCode>,
  io: Io,
  options: WatchOptions,
): Promise<ExitCode> {
  let watched = new Set<string>();
  while (!options.signal.aborted) {
    await render();
    const inputs = await Promise.all(entries.map((entry) => moduleInputs(entry, io.cwd())));
    // files of the last good build stay watched, so that fixing a broken import is seen
    watched = new Set([...watched, ...inputs.flat()]);
    if (options.signal.aborted) break;
    io.stderr(`watching ${plural(watched.size, "file")} for changes (Ctrl-C to stop)\n`);
    await nextChange(watched, options);
  }
  return EXIT.ok;
}
