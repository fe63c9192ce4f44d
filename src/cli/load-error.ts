import { HangarError } from "../model/errors.ts";

/** A failure to load a pipeline module; its message names the file (and line where known). */
export class LoadError extends HangarError {
  /** The original error thrown by the user's code, shown with `--debug`. */
  readonly detail: unknown;

  constructor(message: string, detail?: unknown) {
    super("cli/load", message);
    this.detail = detail;
  }
}
