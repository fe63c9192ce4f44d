import type { Rule } from "../define-rule.ts";
import acrossMaxInFlightNotPositive from "./across-max-in-flight-not-positive.ts";
import acrossNoVars from "./across-no-vars.ts";
import attemptsNotPositive from "./attempts-not-positive.ts";
import dataflowLocalVarUndefined from "./dataflow-local-var-undefined.ts";
import dataflowPutInputUnknown from "./dataflow-put-input-unknown.ts";
import dataflowTaskInputNotProduced from "./dataflow-task-input-not-produced.ts";
import displayBackgroundImageInvalid from "./display-background-image-invalid.ts";
import displayBackgroundImageScheme from "./display-background-image-scheme.ts";
import getNameRepeated from "./get-name-repeated.ts";
import getUnknownResource from "./get-unknown-resource.ts";
import groupGlobInvalid from "./group-glob-invalid.ts";
import groupGlobNoMatch from "./group-glob-no-match.ts";
import groupNameDuplicate from "./group-name-duplicate.ts";
import groupUnknownResource from "./group-unknown-resource.ts";
import identifierEmpty from "./identifier-empty.ts";
import identifierInvalid from "./identifier-invalid.ts";
import jobBuildLogRetentionMinSuccess from "./job-build-log-retention-min-success.ts";
import jobBuildLogRetentionNegative from "./job-build-log-retention-negative.ts";
import jobBuildLogsConflict from "./job-build-logs-conflict.ts";
import jobBuildLogsDeprecated from "./job-build-logs-deprecated.ts";
import jobBuildLogsNegative from "./job-build-logs-negative.ts";
import jobCycle from "./job-cycle.ts";
import jobNameDuplicate from "./job-name-duplicate.ts";
import jobNoName from "./job-no-name.ts";
import jobNone from "./job-none.ts";
import jobUngrouped from "./job-ungrouped.ts";
import loadVarNoFile from "./load-var-no-file.ts";
import passedJobNoInteraction from "./passed-job-no-interaction.ts";
import passedNoMatchingJob from "./passed-no-matching-job.ts";
import prototypeNameDuplicate from "./prototype-name-duplicate.ts";
import prototypeNoName from "./prototype-no-name.ts";
import prototypeNoType from "./prototype-no-type.ts";
import putUnknownResource from "./put-unknown-resource.ts";
import resourceNameDuplicate from "./resource-name-duplicate.ts";
import resourceNoName from "./resource-no-name.ts";
import resourceNoType from "./resource-no-type.ts";
import resourceTypeNameDuplicate from "./resource-type-name-duplicate.ts";
import resourceTypeNoName from "./resource-type-no-name.ts";
import resourceTypeNoType from "./resource-type-no-type.ts";
import resourceTypeUnknown from "./resource-type-unknown.ts";
import resourceTypeUnused from "./resource-type-unused.ts";
import resourceUnused from "./resource-unused.ts";
import runIdentifierInvalid from "./run-identifier-invalid.ts";
import runUnknownPrototype from "./run-unknown-prototype.ts";
import secretLiteral from "./secret-literal.ts";
import setPipelineNoFile from "./set-pipeline-no-file.ts";
import stepTimeoutInvalid from "./step-timeout-invalid.ts";
import stepUnknownFields from "./step-unknown-fields.ts";
import taskConfigIoNoName from "./task-config-io-no-name.ts";
import taskConfigNoPlatform from "./task-config-no-platform.ts";
import taskConfigOrFile from "./task-config-or-file.ts";
import taskConfigUnknownFields from "./task-config-unknown-fields.ts";
import taskHermetic from "./task-hermetic.ts";
import taskImageOverridden from "./task-image-overridden.ts";
import timeoutInvalidDuration from "./timeout-invalid-duration.ts";
import unknownFieldDropped from "./unknown-field-dropped.ts";
import unknownFieldRejected from "./unknown-field-rejected.ts";
import varNameRepeated from "./var-name-repeated.ts";
import varShadowed from "./var-shadowed.ts";
import varSourceDependencyUnresolved from "./var-source-dependency-unresolved.ts";
import varSourceInvalidConfig from "./var-source-invalid-config.ts";
import varSourceNameDuplicate from "./var-source-name-duplicate.ts";
import varSourceUnknownType from "./var-source-unknown-type.ts";
import varSourceUnsupportedType from "./var-source-unsupported-type.ts";

/** Every rule `validate()` runs, as an explicit list (one import per rule file). */
export const rules: readonly Rule[] = [
  acrossMaxInFlightNotPositive,
  acrossNoVars,
  attemptsNotPositive,
  dataflowLocalVarUndefined,
  dataflowPutInputUnknown,
  dataflowTaskInputNotProduced,
  displayBackgroundImageInvalid,
  displayBackgroundImageScheme,
  getNameRepeated,
  getUnknownResource,
  groupGlobInvalid,
  groupGlobNoMatch,
  groupNameDuplicate,
  groupUnknownResource,
  identifierEmpty,
  identifierInvalid,
  jobBuildLogRetentionMinSuccess,
  jobBuildLogRetentionNegative,
  jobBuildLogsConflict,
  jobBuildLogsDeprecated,
  jobBuildLogsNegative,
  jobCycle,
  jobNameDuplicate,
  jobNoName,
  jobNone,
  jobUngrouped,
  loadVarNoFile,
  passedJobNoInteraction,
  passedNoMatchingJob,
  prototypeNameDuplicate,
  prototypeNoName,
  prototypeNoType,
  putUnknownResource,
  resourceNameDuplicate,
  resourceNoName,
  resourceNoType,
  resourceTypeNameDuplicate,
  resourceTypeNoName,
  resourceTypeNoType,
  resourceTypeUnknown,
  resourceTypeUnused,
  resourceUnused,
  runIdentifierInvalid,
  runUnknownPrototype,
  secretLiteral,
  setPipelineNoFile,
  stepTimeoutInvalid,
  stepUnknownFields,
  taskConfigIoNoName,
  taskConfigNoPlatform,
  taskConfigOrFile,
  taskConfigUnknownFields,
  taskHermetic,
  taskImageOverridden,
  timeoutInvalidDuration,
  unknownFieldDropped,
  unknownFieldRejected,
  varNameRepeated,
  varShadowed,
  varSourceDependencyUnresolved,
  varSourceInvalidConfig,
  varSourceNameDuplicate,
  varSourceUnknownType,
  varSourceUnsupportedType,
];
