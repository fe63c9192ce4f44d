/**
 * Self-signed certificates for 127.0.0.1, made with the `openssl` command at test time (nothing is
 * kept in the repository). Tests that need one skip, saying so, when `openssl` is not installed.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Whether the `openssl` command runs. */
export const hasOpenssl = spawnSync("openssl", ["version"], { stdio: "ignore" }).status === 0;

/** What a test title says when it is skipped for want of `openssl`. */
export const withOpenssl = (title: string) => (hasOpenssl ? title : `${title} (skipped: openssl is not installed)`);

/** A new EC key and a one-day self-signed certificate for `ip` (CN and IP subjectAltName), as PEM. */
export function selfSignedCertificate(ip = "127.0.0.1"): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), "hangar-cert-"));
  try {
    const keyFile = join(dir, "key.pem");
    const certFile = join(dir, "cert.pem");
    const made = spawnSync(
      "openssl",
      [
        ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"],
        ["-subj", `/CN=${ip}`, "-addext", `subjectAltName=IP:${ip}`, "-days", "1"],
        ["-keyout", keyFile, "-out", certFile],
      ].flat(),
      { encoding: "utf8" },
    );
    if (made.status !== 0) throw new Error(`openssl req failed: ${made.stderr}`);
    return { key: readFileSync(keyFile, "utf8"), cert: readFileSync(certFile, "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
