/**
 * The HTML page in a real browser: Debian's Chromium, headless, driven by playwright-core (which
 * downloads nothing). Checks from the DOM what the layout tests check from the boxes, hovers and
 * clicks a job, and takes the picture of docker-baseline that the README shows
 * (`HANGAR_UPDATE_PICTURES=1 npx vitest run src/graph/html.browser` rewrites docs/graph-docker-baseline.png).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Box, overlappingBoxes } from "../../test/helpers/graph-checks.ts";
import { workFolder } from "../../test/helpers/work-folder.ts";

/** What the page functions below use of a DOM element (the project's types have no DOM library). */
interface DomElement {
  readonly id: string;
  readonly dataset: Record<string, string | undefined>;
  readonly classList: { contains(name: string): boolean };
  readonly textContent: string | null;
  querySelector(selector: string): DomElement | null;
  getBoundingClientRect(): { x: number; y: number; width: number; height: number };
}

/** A section or tab of the page, as the test reads it. */
interface DomPage extends DomElement {
  readonly hidden: boolean;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
const repo = resolve(import.meta.dirname, "../..");
const picture = join(repo, "docs/graph-docker-baseline.png");

if (!available) {
  test.skip(`browser test: no Chromium at ${CHROMIUM} (apt-get install chromium; CI installs it)`, () => {});
}

describe.skipIf(!available)("the graph page in Chromium", () => {
  const scratch = workFolder("graph-browser", { tmp: true });
  const html = () => join(scratch(), "graph.html");
  // biome-ignore lint/suspicious/noExplicitAny: playwright-core's Browser and Page, loaded only when Chromium exists
  let browser: any;
  // biome-ignore lint/suspicious/noExplicitAny: see above
  let page: any;
  const requests: string[] = [];

  beforeAll(async () => {
    // the built CLI, as a user runs it (its stack traces are source-mapped, so labels name the author's lines)
    const made = spawnSync(
      process.execPath,
      ["bin/hangar.js", "graph", "examples/docker-baseline/pipeline.ts", "-o", html()],
      {
        cwd: repo,
        encoding: "utf8",
      },
    );
    expect(made.status, made.stderr).toBe(0);
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 600 }, deviceScaleFactor: 1 });
    page.on("request", (request: { url(): string }) => requests.push(request.url()));
    await page.goto(pathToFileURL(html()).href);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  test("loads nothing but itself", () => {
    expect(requests).toEqual([pathToFileURL(html()).href]);
  });

  test("every job once, no two nodes overlap, every name inside its box", async () => {
    const nodes: (Box & { textWidth: number; textLeft: number })[] = await page.$$eval(
      "section.view:not([hidden]) g.node",
      (elements: DomElement[]) =>
        elements.map((g) => {
          const rect = (g.querySelector("rect") as DomElement).getBoundingClientRect();
          const text = (g.querySelector("text") as DomElement).getBoundingClientRect();
          return {
            id: g.id,
            name: g.dataset.name ?? "",
            kind: g.classList.contains("job") ? "job" : "resource",
            column: Number(g.dataset.column),
            x: rect.x,
            y: rect.y,
            width: rect.width,
            height: rect.height,
            textWidth: text.width,
            textLeft: text.x - rect.x,
          };
        }),
    );
    const jobs = nodes.filter((n) => n.kind === "job").map((n) => n.name);
    expect(jobs.sort()).toEqual(["build-packer-template", "validate-packer-template"]);
    expect(nodes.filter((n) => n.kind === "resource")).toHaveLength(12);
    expect(overlappingBoxes(nodes)).toEqual([]);
    for (const n of nodes) {
      expect({ name: n.name, fits: n.textWidth <= n.width && n.textLeft >= 0 }).toEqual({ name: n.name, fits: true });
    }
    const outline = await page.$eval("g.outline text", (t: DomElement) => t.textContent);
    expect(outline).toMatch(/^packerJobs\(\) at pipeline\.ts:\d+$/);
  });

  test("the picture the README shows", async () => {
    const svg = await page.$("section.view:not([hidden]) svg");
    const out = process.env.HANGAR_UPDATE_PICTURES === "1" ? picture : join(scratch(), "graph.png");
    await svg.screenshot({ path: out });
    const png = readFileSync(out);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.readUInt32BE(16)).toBeGreaterThan(800); // width from the IHDR chunk
  });

  test("hovering a job lights its inputs, outputs and the passed: chain; clicking shows its config", async () => {
    const build = "section.view:not([hidden]) g.node.job[data-name='build-packer-template']";
    await page.hover(build);
    const active: string[] = await page.$$eval("section.view:not([hidden]) g.node.active", (els: DomElement[]) =>
      els.map((e) => `${e.classList.contains("job") ? "job" : "resource"} ${e.dataset.name}`),
    );
    // upstream through the passed inputs to validate-packer-template and its own inputs; downstream its output
    expect(active).toContain("job validate-packer-template");
    expect(active).toContain("resource packer-build");
    expect(active.filter((a) => a === "resource vault-release")).toHaveLength(2);
    expect(active).not.toContain("resource packer-validate");
    expect(
      await page.$eval("section.view:not([hidden]) svg", (s: DomElement) => s.classList.contains("highlighting")),
    ).toBe(true);
    await page.mouse.move(1, 599);
    expect(await page.$$eval(".active", (els: DomElement[]) => els.length)).toBe(0);

    expect(await page.isVisible("#config")).toBe(false);
    await page.click(build);
    expect(await page.isVisible("#config")).toBe(true);
    expect(await page.textContent("#config h2")).toBe("job build-packer-template");
    expect(await page.textContent("#config pre")).toMatch(/^name: build-packer-template\nplan:\n/);

    // the open panel covers no job: each can still be hovered and clicked (scrolled to, if need be)
    for (const job of ["build-packer-template", "validate-packer-template"]) {
      const node = `section.view:not([hidden]) g.node.job[data-name='${job}']`;
      await page.hover(node, { timeout: 3000 });
      await page.click(node, { timeout: 3000 });
      expect(await page.textContent("#config h2")).toBe(`job ${job}`);
    }
    await page.click("#config button");
    expect(await page.isVisible("#config")).toBe(false);
  });

  test("a group named `all` is a tab of its own: clicking it shows its section alone", async () => {
    const yml = join(scratch(), "groups.yml");
    writeFileSync(
      yml,
      [
        "jobs:",
        "- {name: a, plan: []}",
        "- {name: b, plan: []}",
        "- {name: c, plan: []}",
        "groups:",
        "- {name: main, jobs: [a, b]}",
        "- {name: all, jobs: [c]}",
      ].join("\n"),
    );
    const made = spawnSync(process.execPath, ["bin/hangar.js", "graph", yml, "-o", join(scratch(), "groups.html")], {
      cwd: repo,
      encoding: "utf8",
    });
    expect(made.status, made.stderr).toBe(0);
    const groups = await browser.newPage({ viewport: { width: 1280, height: 600 } });
    await groups.goto(pathToFileURL(join(scratch(), "groups.html")).href);
    const state = () =>
      groups.evaluate(() => {
        const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<DomPage> } })
          .document;
        return {
          shown: [...doc.querySelectorAll("section.view")]
            .filter((s) => !s.hidden)
            .map((s) => [...s.querySelectorAll("g.node.job")].map((g) => g.dataset.name).join(",")),
          selected: [...doc.querySelectorAll("nav button")]
            .filter((b) => b.getAttribute("aria-selected") === "true")
            .map((b) => b.textContent),
        };
      });
    // the view of every job reads "all jobs" beside a group named all
    expect(await state()).toEqual({ shown: ["a,b,c"], selected: ["all jobs"] });
    await groups.click("nav button:nth-child(3)");
    expect(await state()).toEqual({ shown: ["c"], selected: ["all"] });
    await groups.click("nav button:nth-child(2)");
    expect(await state()).toEqual({ shown: ["a,b"], selected: ["main"] });
    await groups.close();
  });
});
