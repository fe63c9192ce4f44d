/**
 * The one error class of hangar. Thrown for programming mistakes and for authoring-time failures
 * that leave no meaningful value (conflicting fragments, unknown references). Never thrown by the
 * validator for a mistake in a pipeline: that is a diagnostic.
 */
export class HangarError extends Error {
  /** A stable `area/kebab` code, such as `fragment/conflict`. */
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = "HangarError";
    this.code = code;
  }
}

/** Whether `value` is a {@link HangarError} (also across two copies of the package). */
export function isHangarError(value: unknown): value is HangarError {
  return (
    value instanceof Error && value.name === "HangarError" && typeof (value as { code?: unknown }).code === "string"
  );
}

/**
 * Ends a `switch` over a union that has a case for every member: `value` is `never` there, so a member added to
 * the union without a case breaks the build at each such switch. Throws if reached anyway (a value outside its type).
 */
export function assertNever(value: never): never {
  throw new HangarError("internal/unreachable", `unexpected value ${JSON.stringify(value)}`);
}
