/**
 * The text of a pipeline module whose `pipeline()` call stops it at an undefined name (`get("sorce")`, where the
 * resource is `source`), so that its default export, with this name, target and team, never runs: for the tests of
 * commands that must not guess those (render, apply).
 */
export const stoppedModule = (definition: { name: string; target: string; team: string }): string =>
  `import { get, pipeline } from "hangar";
const source = { name: "source", type: "git", source: { uri: "https://git.example.com/app.git" } };
export default {
  name: "${definition.name}",
  target: "${definition.target}",
  team: "${definition.team}",
  pipeline: pipeline({ resources: [source], jobs: [{ name: "build", plan: [get(source), get("sorce")] }] }),
};
`;
