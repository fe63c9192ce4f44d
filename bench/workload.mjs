// The synthetic pipeline of the benchmark workload, built two ways: as one plain object literal by
// plain code (the floor), and with hangar the way a user writes it (step builders, references by
// object, pipeline()). Both must render to the same JSON text; run.mjs checks that once, untimed.

const TYPE_IMAGES = [
  ["git", "concourse/git-resource", "1.17"],
  ["oci-image", "concourse/registry-image-resource", "1.10"],
  ["slack-notification", "cfcommunity/slack-notification-resource", "latest"],
];

const repoSource = (k) => ({
  uri: `git@github.com:example/service-${k}.git`,
  branch: "main",
  private_key: "((git.private_key))",
});
const imageSource = (k) => ({
  repository: `((registry.host))/example/service-${k}`,
  tag: "latest",
  username: "((registry.username))",
  password: "((registry.password))",
});
const notifySource = () => ({ url: "((slack.webhook_url))" });

const putImageParams = (k) => ({ image: `image-${k}/image.tar`, additional_tags: `repo-${k}/.git/ref` });
const putRepoParams = (k) => ({ repository: `repo-${k}`, tag: "version/number", only_tag: true });
const notifyParams = (i) => ({ text: `job-${i} failed: $BUILD_PIPELINE_NAME/$BUILD_JOB_NAME`, channel: "#ci-alerts" });

/** The inline task config of job i, with plain values (no references), for both builders. */
function taskConfig(i, a, b, c) {
  return {
    platform: "linux",
    image_resource: { type: "registry-image", source: { repository: "golang", tag: "1.22-bookworm" } },
    inputs: [{ name: `repo-${a}` }, { name: `repo-${b}` }, { name: `image-${c}` }],
    outputs: [{ name: "build" }],
    params: { GOOS: "linux", GOARCH: "amd64", VERSION: `1.0.${i}` },
    run: {
      path: "/bin/sh",
      args: ["-ec", `cd repo-${a} && make build OUT=../build/service-${i} REF=$(cat ../repo-${b}/.git/ref)`],
    },
  };
}

/** r(x) = x mod m, non-negative. */
const mod = (x, m) => ((x % m) + m) % m;

/**
 * The floor: the whole pipeline as one plain object, keys already in Concourse's canonical order
 * (the order hangar's renderer writes), so `JSON.stringify(floor(n), null, 2)` is hangar's JSON.
 */
export function floor(n) {
  const m = n / 2;
  const resources = [];
  for (let k = 0; k < m; k++) {
    resources.push(
      { name: `repo-${k}`, type: "git", source: repoSource(k), check_every: "10m", icon: "github" },
      { name: `image-${k}`, type: "oci-image", source: imageSource(k), icon: "docker" },
      { name: `notify-${k}`, type: "slack-notification", source: notifySource(), icon: "slack" },
    );
  }
  const jobs = [];
  for (let i = 0; i < n; i++) {
    const prev = mod(i - 1, m);
    const a = mod(i, m);
    const b = mod(i + 1, m);
    jobs.push({
      name: `job-${i}`,
      plan: [
        i > 0
          ? { get: `image-${prev}`, passed: [`job-${i - 1}`], trigger: true }
          : { get: `image-${prev}`, trigger: true },
        { get: `repo-${a}` },
        { get: `repo-${b}` },
        {
          in_parallel: {
            steps: [
              { put: `image-${a}`, params: putImageParams(a) },
              { put: `repo-${a}`, params: putRepoParams(a) },
            ],
          },
        },
        { task: `build-${i}`, config: taskConfig(i, a, b, prev) },
      ],
      on_failure: { put: `notify-${a}`, params: notifyParams(i) },
    });
  }
  return {
    resource_types: TYPE_IMAGES.map(([name, repository, tag]) => ({
      name,
      type: "registry-image",
      source: { repository, tag },
    })),
    resources,
    jobs,
  };
}

/**
 * The same pipeline written with hangar as a user would: resource types and resources as objects,
 * steps from the builders, every reference (resource, resource type, passed job) by object, and
 * `pipeline()` collecting the resource types from the resources.
 */
export function withHangar(n, { get, put, task, inParallel, pipeline }) {
  const m = n / 2;
  const [gitType, ociImage, slack] = TYPE_IMAGES.map(([name, repository, tag]) => ({
    name,
    type: "registry-image",
    source: { repository, tag },
  }));
  const repos = [];
  const images = [];
  const notify = [];
  const resources = [];
  for (let k = 0; k < m; k++) {
    const repo = { name: `repo-${k}`, type: gitType, icon: "github", check_every: "10m", source: repoSource(k) };
    const image = { name: `image-${k}`, type: ociImage, icon: "docker", source: imageSource(k) };
    const channel = { name: `notify-${k}`, type: slack, icon: "slack", source: notifySource() };
    repos.push(repo);
    images.push(image);
    notify.push(channel);
    resources.push(repo, image, channel);
  }
  const jobs = [];
  for (let i = 0; i < n; i++) {
    const prev = mod(i - 1, m);
    const a = mod(i, m);
    const b = mod(i + 1, m);
    const previousJob = jobs[i - 1];
    jobs.push({
      name: `job-${i}`,
      plan: [
        get(images[prev], previousJob ? { trigger: true, passed: [previousJob] } : { trigger: true }),
        get(repos[a]),
        get(repos[b]),
        inParallel({
          steps: [put(images[a], { params: putImageParams(a) }), put(repos[a], { params: putRepoParams(a) })],
        }),
        task(`build-${i}`, { config: taskConfig(i, a, b, prev) }),
      ],
      on_failure: put(notify[a], { params: notifyParams(i) }),
    });
  }
  return pipeline({ resources, jobs });
}
