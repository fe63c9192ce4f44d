import type { Rule } from "../define-rule.ts";
import groupGlobInvalid from "./group-glob-invalid.ts";
import groupGlobNoMatch from "./group-glob-no-match.ts";
import groupNameDuplicate from "./group-name-duplicate.ts";
import groupUnknownResource from "./group-unknown-resource.ts";
import identifierEmpty from "./identifier-empty.ts";
import identifierInvalid from "./identifier-invalid.ts";
import jobNameDuplicate from "./job-name-duplicate.ts";
import jobNoName from "./job-no-name.ts";
import jobUngrouped from "./job-ungrouped.ts";
import prototypeNameDuplicate from "./prototype-name-duplicate.ts";
import prototypeNoName from "./prototype-no-name.ts";
import prototypeNoType from "./prototype-no-type.ts";
import resourceNameDuplicate from "./resource-name-duplicate.ts";
import resourceNoName from "./resource-no-name.ts";
import resourceNoType from "./resource-no-type.ts";
import resourceTypeNameDuplicate from "./resource-type-name-duplicate.ts";
import resourceTypeNoName from "./resource-type-no-name.ts";
import resourceTypeNoType from "./resource-type-no-type.ts";
import runIdentifierInvalid from "./run-identifier-invalid.ts";

/** Every rule `validate()` runs, as an explicit list (one import per rule file). */
export const rules: readonly Rule[] = [
  groupGlobInvalid,
  groupGlobNoMatch,
  groupNameDuplicate,
  groupUnknownResource,
  identifierEmpty,
  identifierInvalid,
  jobNameDuplicate,
  jobNoName,
  jobUngrouped,
  prototypeNameDuplicate,
  prototypeNoName,
  prototypeNoType,
  resourceNameDuplicate,
  resourceNoName,
  resourceNoType,
  resourceTypeNameDuplicate,
  resourceTypeNoName,
  resourceTypeNoType,
  runIdentifierInvalid,
];
