import { type FSWatcher, lstatSync, statSync, watch } from "node:fs";
import { basename, dirname, extname, resolve, sep } from "node:path";
import { EXIT, type ExitCode } from "./define-command.ts";
import type { Io } from "./io.ts";
import { plural } from "./plural.ts";

/** The extensions esbuild tries for an import written without one (and an `index` file's, for a folder). */
const TRIED_EXTENSIONS = [".tsx", ".ts", ".jsx", ".js", ".css", ".json", ".mts", ".mjs", ".cts", ".cjs"];

/**
 * The TypeScript files esbuild reads for an import of a JavaScript name it finds no file of: `./helpers.js` (the ES
 * module name of helpers.ts, as `hangar import --split` writes its imports) is helpers.ts or helpers.tsx.
 */
const TYPESCRIPT_OF: Readonly<Record<string, readonly string[]>> = {
  ".js": [".ts", ".tsx"],
  ".jsx": [".ts", ".tsx"],
  ".mjs": [".mts"],
  ".cjs": [".cts"],
};

/**
 * The files that would satisfy the relative imports esbuild could not resolve, from the build's errors
 * (`Could not resolve "./helpers.ts"` in `app.ts`): the path as written, with each extension esbuild tries, a
 * folder of that name, and the TypeScript files of a JavaScript name (see {@link TYPESCRIPT_OF}). Watched, their
 * creation renders again.
 */
function unresolvedImports(error: unknown, cwd: string): string[] {
  const errors = (error as { errors?: { text: string; location?: { file: string } | null }[] }).errors ?? [];
  return errors.flatMap(({ text, location }) => {
    const written = /^Could not resolve "(\.{1,2}\/[^"]*)"/.exec(text)?.[1];
    if (written === undefined || location == null) return [];
    const path = resolve(cwd, dirname(location.file), written);
    const ext = extname(path);
    const typescript = (TYPESCRIPT_OF[ext] ?? []).map((extension) => path.slice(0, -ext.length) + extension);
    return [path, ...TRIED_EXTENSIONS.map((extension) => path + extension), ...typescript];
  });
}

/**
 * The local files a module is built from: itself and every file it imports by a relative path
 * (packages are left out), as esbuild bundles it, and the tsconfig.json files they are compiled with and the configs
 * those extend (their `paths` decide what an import is, their `jsx` how a file compiles). When it does not build: the
 * module itself and its tsconfig, and the files that would satisfy an import that could not be resolved (a file about
 * to be created).
 */
export async function moduleInputs(file: string, cwd: string): Promise<string[]> {
  const files = await builtFrom(file, cwd);
  const { tsconfigsOf } = await import("./compile-bundle.ts");
  return [...files, ...(await tsconfigsOf(files)).configs];
}

/** The files of {@link moduleInputs} but the configs. */
async function builtFrom(file: string, cwd: string): Promise<string[]> {
  const path = resolve(cwd, file);
  const { build } = await import("esbuild");
  /** The paths relative imports named through a symbolic link (see {@link throughLinks}). */
  const linked = new Set<string>();
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
      plugins: [
        {
          name: "links-named",
          setup: (b) =>
            b.onResolve({ filter: /^\.\.?(?:\/|$)/ }, (args) => {
              const named = resolve(args.resolveDir, args.path);
              for (const link of throughLinks(named, args.resolveDir)) linked.add(link);
              return undefined;
            }),
        },
      ],
    });
    return [...Object.keys(result.metafile.inputs).map((input) => resolve(cwd, input)), ...linked];
  } catch (error) {
    return [path, ...unresolvedImports(error, cwd)];
  }
}

/**
 * The symbolic links on the way to `named` (a path an import in the folder `from` named: `lib/job.ts` with
 * `lib -> v1`), below the folders `from` is in, as named; the build lists the files through them (`v1/job.ts`).
 * Watched, a link repointed (`ln -sfn v2 lib`) renders again.
 */
function throughLinks(named: string, from: string): string[] {
  const links: string[] = [];
  for (let at = named; at !== from && !from.startsWith(`${at}${sep}`) && dirname(at) !== at; at = dirname(at)) {
    try {
      if (lstatSync(at).isSymbolicLink()) links.push(at);
    } catch {}
  }
  return links;
}

/** Options of {@link watchRender}. */
export interface WatchOptions {
  /** Ends the watch (Ctrl-C). */
  readonly signal: AbortSignal;
  /** How long changes are collected before rendering again, in ms. @default 100 */
  readonly debounceMs?: number;
  /**
   * Runs a render with Ctrl-C's default action (see Interruption.stoppable): a module stuck in a synchronous loop
   * can be stopped. Ctrl-C while the watch waits ends it through `signal`.
   */
  readonly stoppable?: <T>(work: () => Promise<T>) => Promise<T>;
  /**
   * Expands the entry arguments again (globs: see expandReading), when a file or folder appears or disappears in one
   * of the folders the last expansion read: the modules it gives are rendered from then on. Without it, the modules
   * are the entries given.
   */
  readonly expand?: () => { readonly files: readonly string[]; readonly folders: readonly string[] };
}

/** What changed since {@link FileWatch.next} last resolved. */
interface Changes {
  /** One of the files watched. */
  readonly files: boolean;
  /** The entries of one of the folders watched: a file or folder in it appeared or disappeared. */
  readonly entries: boolean;
}

const NO_CHANGES: Changes = { files: false, entries: false };

/**
 * Watches files, through their folders (so that editors that save by replacing a file are seen too), from the
 * moment they are given until the watch is closed: a change while a render runs is not lost, it starts the next
 * render as soon as that one is done.
 */
interface FileWatch {
  /**
   * Watches exactly `files`, and the entries of `folders`, from now on (the folders already watched stay watched
   * without a gap). A folder of `folders` that is not there is watched for its appearance, as a file.
   */
  readonly watch: (files: ReadonlySet<string>, folders?: readonly string[]) => void;
  /**
   * Resolves once one of the files or folders has changed (after `debounceMs` without further changes) since the last
   * time it resolved, at once when that happened meanwhile, or when `signal` aborts (with no changes), telling what
   * changed.
   */
  readonly next: () => Promise<Changes>;
  readonly close: () => void;
}

function fileWatch({ signal, debounceMs = 100 }: WatchOptions): FileWatch {
  const watchers = new Map<string, FSWatcher>();
  /** The names watched in each folder. */
  let names = new Map<string, Set<string>>();
  /** The folders whose entries are watched. */
  let listed: ReadonlySet<string> = new Set();
  let timer: NodeJS.Timeout | undefined;
  /** The changes seen while the debounce runs. */
  let pending = NO_CHANGES;
  /** The changes seen (and their debounce over) that no `next` has reported yet, if any. */
  let changed: Changes | undefined;
  let wake: (() => void) | undefined;
  const settle = () => {
    timer = undefined;
    changed = {
      files: pending.files || changed?.files === true,
      entries: pending.entries || changed?.entries === true,
    };
    pending = NO_CHANGES;
    wake?.();
  };
  const onChange = (folder: string) => (event: string, name: string | Buffer | null) => {
    const file = name === null || names.get(folder)?.has(name.toString()) === true;
    // (a file saved is a "change"; one created, deleted or renamed a "rename")
    const entries = listed.has(folder) && (name === null || event === "rename");
    if (!file && !entries) return;
    pending = { files: pending.files || file, entries: pending.entries || entries };
    clearTimeout(timer);
    timer = setTimeout(settle, debounceMs);
  };
  const close = () => {
    clearTimeout(timer);
    for (const watcher of watchers.values()) watcher.close();
    watchers.clear();
    wake?.();
  };
  signal.addEventListener("abort", close, { once: true });
  return {
    watch(files, folders = []) {
      const byFolder = new Map<string, Set<string>>();
      const there = folders.filter(isFolder);
      for (const file of [...files, ...folders.filter((folder) => !there.includes(folder))]) {
        const folder = byFolder.get(dirname(file)) ?? new Set<string>();
        folder.add(basename(file));
        byFolder.set(dirname(file), folder);
      }
      for (const folder of there) if (!byFolder.has(folder)) byFolder.set(folder, new Set());
      names = byFolder;
      listed = new Set(there);
      for (const [folder, watcher] of watchers) {
        if (byFolder.has(folder)) continue;
        watcher.close();
        watchers.delete(folder);
      }
      if (signal.aborted) return;
      for (const folder of byFolder.keys()) {
        if (watchers.has(folder)) continue;
        try {
          const watcher = watch(folder, onChange(folder));
          watcher.on("error", () => undefined);
          watchers.set(folder, watcher);
        } catch {
          // a folder that went away: the other files are still watched
        }
      }
    },
    async next() {
      if (changed === undefined && !signal.aborted) await new Promise<void>((done) => (wake = done));
      const seen = signal.aborted ? NO_CHANGES : (changed ?? NO_CHANGES);
      wake = undefined;
      changed = undefined;
      return seen;
    },
    close: () => {
      signal.removeEventListener("abort", close);
      close();
    },
  };
}

/** Whether `path` is a folder (through links). */
function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * `--watch`: runs `render` (which prints its findings and fly commands), then again each time one of
 * the entries or a local file they import changes, until `signal` aborts; errors in a run are
 * printed by `render` and the watch goes on. With `options.expand`, a module the entries' globs come to match is
 * rendered too from then on, and one they no longer match is no longer rendered (what it wrote is left in place), each
 * said once. Returns 0 once `signal` aborts (Ctrl-C ends a watch as asked, whatever the last run found: its findings
 * were printed).
 */
export async function watchRender(
  entries: readonly string[],
  render: (modules: readonly string[]) => Promise<ExitCode>,
  io: Io,
  options: WatchOptions,
): Promise<ExitCode> {
  const { expand } = options;
  let modules = entries;
  let folders: readonly string[] = [];
  /** The files the builds were made of: those of the last good build stay watched, so that fixing a broken import is seen. */
  let built = new Set<string>();
  const files = fileWatch(options);
  // the modules as given, always: a symbolic link repointed to another module is a change (the build lists files
  // through their links); and from the start, so that a save during the first render is seen too
  const watched = () => new Set([...modules.map((module) => resolve(io.cwd(), module)), ...built]);
  /**
   * Expands the entries, watching the folders read, until an expansion reads no folder the one before did not: a
   * module added to a folder read is then in the expansion or seen by the watch.
   */
  const expandWatching = (again: NonNullable<WatchOptions["expand"]>) => {
    for (let last: readonly string[] | undefined; last === undefined || folders.some((f) => !last?.includes(f)); ) {
      last = folders;
      files.watch(watched(), last);
      ({ files: modules, folders } = again());
    }
  };
  if (expand === undefined) files.watch(watched());
  else expandWatching(expand);
  try {
    while (!options.signal.aborted) {
      await (options.stoppable ?? ((work) => work()))(() => render(modules));
      const inputs = await Promise.all(modules.map((module) => moduleInputs(module, io.cwd())));
      built = new Set([...built, ...inputs.flat()]);
      files.watch(watched(), folders);
      if (options.signal.aborted) break;
      io.stderr(`watching ${plural(watched().size, "file")} for changes (Ctrl-C to stop)\n`);
      for (let changes = await files.next(); !options.signal.aborted; changes = await files.next()) {
        if (expand === undefined || !changes.entries) break;
        const before = modules;
        expandWatching(expand);
        for (const module of modules.filter((m) => !before.includes(m)))
          io.stderr(`${module}: a new module, rendered from now on\n`);
        for (const module of before.filter((m) => !modules.includes(m)))
          io.stderr(`${module}: no longer matches the entries, no longer rendered (its output is left in place)\n`);
        // a file appeared or disappeared that no entry matches (an editor's temporary file): nothing to render again
        if (changes.files || modules.length !== before.length || modules.some((m) => !before.includes(m))) break;
      }
    }
  } finally {
    files.close();
  }
  return EXIT.ok;
}
