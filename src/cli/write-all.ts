import { writeSync } from "node:fs";

/**
 * Writes all of `content` to the file descriptor `fd`. One `writeSync` may write only part (a full disk, a file
 * size limit): the rest is written by further calls, and the call that cannot write throws (ENOSPC, EFBIG), so a
 * short write is never taken for a whole one.
 */
export function writeAll(fd: number, content: string | Uint8Array): void {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  let done = 0;
  while (done < bytes.length) {
    const written = writeSync(fd, bytes, done, bytes.length - done);
    if (written <= 0) throw new Error(`wrote ${done} of ${bytes.length} bytes, then nothing more`);
    done += written;
  }
}
