import { runIfMain } from "hangar/script";
import definition from "../../docker-baseline/pipeline.ts";

// The docker-baseline AMI pipeline is hangar's worked example; this entry renders the same definition.
export default definition;
await runIfMain(import.meta.url, definition);
