/** Files of the ol-infrastructure repository that every Packer image build watches. */
export const PACKER_WATCHED_PATHS = [
  "src/bilder/images/packer.pkr.hcl",
  "src/bilder/images/config.pkr.hcl",
  "src/bilder/images/variables.pkr.hcl",
  "src/bilder/components/",
];

/** The version pins (one file per version constant) each image reads. */
const IMAGE_VERSIONS: Readonly<Record<string, readonly string[]>> = {
  docker_baseline_ami: ["CONSUL_TEMPLATE_VERSION", "CONSUL_VERSION", "VAULT_VERSION"],
};

/** The version-pin files an image's build reads, so its pipeline triggers only on those. */
export const imageVersionPaths = (image: string): string[] =>
  (IMAGE_VERSIONS[image] ?? []).map((constant) => `src/bridge/lib/version_pins/${constant}`);
