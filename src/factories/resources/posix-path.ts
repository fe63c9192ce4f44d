/**
 * A relative or absolute POSIX path in normal form: empty and `.` segments dropped, no trailing
 * slash, `..` kept, `""` becomes `.` (the form Python's `PurePosixPath` prints, which the git
 * resource factories apply to `paths`).
 */
export function posixPath(path: string): string {
  const root = path.startsWith("//") && !path.startsWith("///") ? "//" : path.startsWith("/") ? "/" : "";
  const parts = path.split("/").filter((part) => part !== "" && part !== ".");
  const normal = root + parts.join("/");
  return normal === "" ? "." : normal;
}
