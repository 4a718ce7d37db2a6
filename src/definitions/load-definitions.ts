/**
 * Loads rules/ and workflows/ under a root directory into a DefinitionCatalogue: reads, validates, verifies
 * and hashes everything, or throws one DefinitionError listing every problem. Nothing half-loads: the
 * catalogue is built only from files that passed every check, and it is frozen, because a definition
 * that changed after hashing would no longer be the version its hash names.
 */
import {
  ACTIVITY_TYPES,
  type ActivityDefinition,
  type ActivityType,
  type DefinitionCatalogue,
  type Department,
  type FactContract,
  type LevelThresholds,
  type MachineConfigJson,
  type Measure,
  type RouteDefaults,
  type RuleFile,
  type RuleSetDefinition,
  type WorkingDayCalendar,
} from './definition.types';
import { DefinitionError, type DefinitionProblem } from './definition-error';
import {
  CALENDAR_FILE,
  DEPARTMENTS_FILE,
  MEASURES_FILE,
  ownRuleFilesOf,
  RULE_NAME_PREFIXES,
  ruleFilesOf,
  type RuleFileLayout,
  SHARED_CREDIT_LAYOUT,
  SHARED_FACTS_FILE,
  typeFile,
  workflowFile,
} from './definition-files';
import { hashRuleSet, hashWorkflow } from './hash-definition';
import { jsonPointer } from './json-pointer';
import { isRecord, type Report, reporterFor } from './json-shape';
import { type DefinitionDocuments, readDefinitionFiles } from './read-definition-files';
import { validateCalendar } from './validate-calendar';
import { catalogueCodes, validateDepartments, validateMeasures } from './validate-catalogues';
import { checkSharedFactClashes, factNames, validateFactContract } from './validate-fact-contract';
import { validateLevels } from './validate-levels';
import { validateRouteDefaults } from './validate-route-defaults';
import { checkRuleFacts, contractFacts } from './validate-rule-facts';
import { checkRuleNamesUnique, type RuleCatalogues, validateRuleFile } from './validate-rule-files';
import { verifyWorkflow } from './verify-workflow';
import { IMPLEMENTED_WORKFLOW_NAMES, type WorkflowNames } from './workflow-vocabulary';

export interface LoadDefinitionsOptions {
  /** Guard, action and event names to verify workflows against; the implementation's by default. */
  workflowNames?: WorkflowNames;
}

export function loadDefinitions(rootDir: string, options: LoadDefinitionsOptions = {}): DefinitionCatalogue {
  const problems: DefinitionProblem[] = [];
  const documents = readDefinitionFiles(rootDir, problems);
  checkDefinitions(documents, options.workflowNames ?? IMPLEMENTED_WORKFLOW_NAMES, problems);
  if (problems.length > 0) throw new DefinitionError(withoutRepeats(problems));
  return deepFreeze(buildCatalogue(documents));
}

function checkDefinitions(
  documents: DefinitionDocuments,
  workflowNames: WorkflowNames,
  problems: DefinitionProblem[],
): void {
  // Each check runs only on files that were read; a missing or unparsable file is already reported.
  const check = (file: string, run: (document: unknown, report: Report) => void) => {
    if (documents.has(file)) run(documents.get(file), reporterFor(file, problems));
  };
  const sourcesOf = (files: string[]) => files.map((file) => ({ file, document: documents.get(file) }));
  check(DEPARTMENTS_FILE, validateDepartments);
  check(MEASURES_FILE, validateMeasures);
  check(CALENDAR_FILE, validateCalendar);
  check(SHARED_FACTS_FILE, validateFactContract);
  const catalogues: RuleCatalogues = {
    departments: catalogueCodes(documents.get(DEPARTMENTS_FILE), 'departments'),
    measures: catalogueCodes(documents.get(MEASURES_FILE), 'measures'),
  };
  const checkRuleFile = (layout: RuleFileLayout, prefix: string) =>
    check(layout.file, (document, report) => validateRuleFile(document, layout, prefix, catalogues, report));
  checkRuleFile(SHARED_CREDIT_LAYOUT, RULE_NAME_PREFIXES.shared);
  const factsRead = new Map<ActivityType, Set<string>>();
  for (const type of ACTIVITY_TYPES) {
    const factsFile = typeFile(type, 'facts.json');
    check(factsFile, validateFactContract);
    check(factsFile, (own, report) =>
      checkSharedFactClashes(documents.get(SHARED_FACTS_FILE), SHARED_FACTS_FILE, own, report),
    );
    check(typeFile(type, 'levels.json'), validateLevels);
    check(typeFile(type, 'routing.json'), (routing, report) =>
      validateRouteDefaults(routing, catalogues.departments, report),
    );
    ownRuleFilesOf(type).forEach((layout) => checkRuleFile(layout, RULE_NAME_PREFIXES[type]));
    // The shared credit rules run in every type's set: their names and facts are checked with each.
    const ruleSet = sourcesOf(ruleFilesOf(type).map(({ file }) => file));
    checkRuleNamesUnique(ruleSet, problems);
    const contract = contractFacts(sourcesOf([SHARED_FACTS_FILE, factsFile]));
    factsRead.set(type, checkRuleFacts(ruleSet, contract, `${SHARED_FACTS_FILE} or ${factsFile}`, problems));
    check(workflowFile(type), (machine, report) => {
      problems.push(
        ...verifyWorkflow(workflowFile(type), machine, {
          ...workflowNames,
          departments: catalogues.departments,
        }),
      );
      checkMachineId(machine, type, report);
    });
  }
  checkEveryFactRead(documents, factsRead, problems);
}

/** Snapshots are persisted with the machine id, and the id keeps the workflow hashes of the types apart. */
function checkMachineId(machine: unknown, type: ActivityType, report: Report): void {
  const id = isRecord(machine) ? machine.id : undefined;
  if (typeof id === 'string' && id !== type)
    report(jsonPointer('id'), `the machine id must be the activity type "${type}", found "${id}"`);
}

/** A contract fact no rule reads is either dead weight for clients to send or a rule someone forgot. */
function checkEveryFactRead(
  documents: DefinitionDocuments,
  factsRead: ReadonlyMap<ActivityType, ReadonlySet<string>>,
  problems: DefinitionProblem[],
): void {
  const unread = (file: string, isRead: (name: string) => boolean, by: string) => {
    for (const section of ['input', 'derived'] as const) {
      for (const name of factNames(documents.get(file), section)) {
        if (!isRead(name))
          problems.push({
            file,
            place: jsonPointer(section, name),
            reason: `fact "${name}" is not read by any rule ${by}`,
          });
      }
    }
  };
  for (const [type, read] of factsRead)
    unread(typeFile(type, 'facts.json'), (name) => read.has(name), `of ${type}`);
  // A shared fact may serve some types only: it is unread when no type's rules read it.
  unread(SHARED_FACTS_FILE, (name) => [...factsRead.values()].some((read) => read.has(name)), 'of any type');
}

/** The shared credit rules are checked with every type; a problem found the same way each time is listed once. */
function withoutRepeats(problems: DefinitionProblem[]): DefinitionProblem[] {
  const seen = new Set<string>();
  return problems.filter(({ file, place, reason }) => {
    const key = JSON.stringify([file, place, reason]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Only called when every check passed, so the documents have the shapes the types describe. */
function buildCatalogue(documents: DefinitionDocuments): DefinitionCatalogue {
  const read = <T>(file: string) => documents.get(file) as T;
  const { departments } = read<{ departments: Department[] }>(DEPARTMENTS_FILE);
  const { measures } = read<{ measures: Measure[] }>(MEASURES_FILE);
  const { years } = read<WorkingDayCalendar>(CALENDAR_FILE);
  const shared = read<FactContract>(SHARED_FACTS_FILE);
  const definitionOf = (type: ActivityType): ActivityDefinition => {
    const own = read<FactContract>(typeFile(type, 'facts.json'));
    const { medium, high, critical } = read<LevelThresholds>(typeFile(type, 'levels.json'));
    const content = {
      type,
      facts: { input: { ...shared.input, ...own.input }, derived: { ...shared.derived, ...own.derived } },
      levels: { medium, high, critical },
      routeDefaults: read<{ defaults: RouteDefaults }>(typeFile(type, 'routing.json')).defaults,
      files: ruleFilesOf(type).map(({ file }): RuleFile => ({
        file,
        rules: read<{ rules: RuleFile['rules'] }>(file).rules,
      })),
      departments,
      measures,
    };
    const rules: RuleSetDefinition = { ...content, hash: hashRuleSet(content) };
    const machine = read<MachineConfigJson>(workflowFile(type));
    return {
      type,
      rules,
      workflow: { type, file: workflowFile(type), machine, hash: hashWorkflow(machine) },
    };
  };
  const definitions = Object.fromEntries(ACTIVITY_TYPES.map((type) => [type, definitionOf(type)])) as Record<
    ActivityType,
    ActivityDefinition
  >;
  return { departments, measures, definitions, calendar: { years } };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
