/**
 * Loads rules/ and workflows/ under a root directory into a DefinitionCatalogue: reads, validates, verifies
 * and hashes everything, or throws one DefinitionError listing every problem. Nothing half-loads: the
 * catalogue is built only from files that passed every check, and it is frozen, because a definition
 * that changed after hashing would no longer be the version its hash names.
 */
import { EVALUATION_BASIS_FACT } from '../decision/evaluation-basis';
import { withSharedFacts } from './shared-facts';
import { basename } from 'node:path';
import {
  type ActivityDefinition,
  type ActivityManifest,
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
  ruleFilesOf,
  SHARED_RULE_PREFIX,
  type RuleFileLayout,
  SHARED_CREDIT_LAYOUT,
  SHARED_DERIVED_FILE,
  SHARED_FACTS_FILE,
  VOCABULARY_FILE,
  activityFile,
  ruleSetFile,
  type RuleSetFileName,
  type RuleSetUnit,
} from './definition-files';
import { hashRuleSet, hashWorkflow } from './hash-definition';
import { jsonPointer } from './json-pointer';
import { isRecord, type Report, reporterFor } from './json-shape';
import { type DefinitionDocuments, type DefinitionFiles, readDefinitionFiles } from './read-definition-files';
import { validateActivity } from './validate-activity';
import { validateCalendar } from './validate-calendar';
import { catalogueCodes, validateDepartments, validateMeasures } from './validate-catalogues';
import {
  checkFactNameClashes,
  checkSharedFactClashes,
  derivationsOf,
  derivedFactNames,
  factsReadBy,
  inputFactNames,
  validateDerivedFacts,
  validateFactsSchema,
  validateSharedFactsSchema,
} from './validate-fact-contract';
import { factContractOf, type JsonSchema } from './json-schema';
import { validateLevels } from './validate-levels';
import { validateRouteDefaults } from './validate-route-defaults';
import { checkRuleFacts, contractFacts } from './validate-rule-facts';
import { checkRuleNamesUnique, type RuleCatalogues, validateRuleFile } from './validate-rule-files';
import { validateVocabulary } from './validate-vocabulary';
import type { Vocabulary } from './vocabulary';
import { verifyWorkflow } from './verify-workflow';
import { IMPLEMENTED_WORKFLOW_NAMES, type WorkflowNames } from './workflow-vocabulary';

export interface LoadDefinitionsOptions {
  /** Guard, action and event names to verify workflows against; the implementation's by default. */
  workflowNames?: WorkflowNames;
}

export function loadDefinitions(rootDir: string, options: LoadDefinitionsOptions = {}): DefinitionCatalogue {
  const problems: DefinitionProblem[] = [];
  const files = readDefinitionFiles(rootDir, problems);
  checkDefinitions(files, options.workflowNames ?? IMPLEMENTED_WORKFLOW_NAMES, problems);
  if (problems.length > 0) throw new DefinitionError(withoutRepeats(problems));
  return deepFreeze(buildCatalogue(files));
}

function checkDefinitions(
  { documents, types, units, workflowOf }: DefinitionFiles,
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
  check(VOCABULARY_FILE, validateVocabulary);
  check(SHARED_FACTS_FILE, validateSharedFactsSchema);
  const sharedInputs = new Set(inputFactNames(documents.get(SHARED_FACTS_FILE)));
  check(SHARED_DERIVED_FILE, (derived, report) => validateDerivedFacts(derived, sharedInputs, report));
  check(SHARED_DERIVED_FILE, (derived, report) =>
    checkFactNameClashes(
      [{ file: SHARED_FACTS_FILE, document: documents.get(SHARED_FACTS_FILE) }],
      derived,
      report,
    ),
  );
  const shared = { facts: documents.get(SHARED_FACTS_FILE), derived: documents.get(SHARED_DERIVED_FILE) };
  const sharedFiles = `${SHARED_FACTS_FILE}, ${SHARED_DERIVED_FILE}`;
  const catalogues: RuleCatalogues = {
    departments: catalogueCodes(documents.get(DEPARTMENTS_FILE), 'departments'),
    measures: catalogueCodes(documents.get(MEASURES_FILE), 'measures'),
  };
  const checkRuleFile = (layout: RuleFileLayout, prefix: string) =>
    check(layout.file, (document, report) => validateRuleFile(document, layout, prefix, catalogues, report));
  checkRuleFile(SHARED_CREDIT_LAYOUT, SHARED_RULE_PREFIX);
  for (const type of types)
    check(activityFile(type), (activity, report) =>
      validateActivity(activity, catalogues.departments, report),
    );
  const factsRead = new Map<RuleSetUnit, Set<string>>();
  for (const unit of units) {
    const file = (name: RuleSetFileName) => ruleSetFile(unit.folder, name);
    const [factsFile, derivedFile] = [file('facts.json'), file('derived.json')];
    check(factsFile, validateFactsSchema);
    check(factsFile, (own, report) => checkSharedFactClashes(shared, sharedFiles, own, 'input', report));
    // A rule set's derived facts may read its input facts, the applicant and the shared derived facts.
    const readable = new Set([
      ...sharedInputs,
      ...derivedFactNames(documents.get(SHARED_DERIVED_FILE)),
      ...inputFactNames(documents.get(factsFile)),
    ]);
    check(derivedFile, (derived, report) => validateDerivedFacts(derived, readable, report));
    check(derivedFile, (own, report) => {
      checkSharedFactClashes(shared, sharedFiles, own, 'derived', report);
      checkFactNameClashes([{ file: factsFile, document: documents.get(factsFile) }], own, report);
    });
    check(file('levels.json'), validateLevels);
    check(file('routing.json'), (routing, report) =>
      validateRouteDefaults(routing, catalogues.departments, report),
    );
    const prefix = rulePrefixOf(documents.get(activityFile(unit.type)));
    ownRuleFilesOf(unit.folder).forEach((layout) => checkRuleFile(layout, prefix));
    // The shared credit rules run in every rule set: their names and facts are checked with each.
    const ruleSet = sourcesOf(ruleFilesOf(unit.folder).map(({ file }) => file));
    checkRuleNamesUnique(ruleSet, problems);
    const contract = contractFacts(
      sourcesOf([SHARED_FACTS_FILE, SHARED_DERIVED_FILE, factsFile, derivedFile]),
    );
    const read = checkRuleFacts(
      ruleSet,
      contract,
      `${sharedFiles}, ${factsFile} or ${derivedFile}`,
      problems,
    );
    // A fact is used when a rule reads it, a derived fact is computed from it, or the workflow reads it.
    for (const compute of [SHARED_DERIVED_FILE, derivedFile].flatMap((f) => derivationsOf(documents.get(f))))
      factsReadBy(compute, read);
    const workflow = workflowOf.get(unit.type);
    for (const name of workflow ? factsReadByWorkflow(documents.get(workflow)) : []) read.add(name);
    factsRead.set(unit, read);
  }
  // A workflow several types share is verified once.
  for (const file of new Set(workflowOf.values())) {
    check(file, (machine, report) => {
      problems.push(
        ...verifyWorkflow(file, machine, { ...workflowNames, departments: catalogues.departments }),
      );
      checkMachineId(machine, file, report);
    });
  }
  checkEveryFactRead(documents, factsRead, problems);
}

/**
 * The derived facts a workflow reads by name (awaitPhase's dueOnFact: a report's due date). They are
 * checked as used by any rule set of the types following it; that they exist is checked below.
 */
function factsReadByWorkflow(machine: unknown, into: string[] = []): string[] {
  if (Array.isArray(machine)) machine.forEach((item) => factsReadByWorkflow(item, into));
  else if (isRecord(machine)) {
    if (
      machine.type === 'awaitPhase' &&
      isRecord(machine.params) &&
      typeof machine.params.dueOnFact === 'string'
    )
      into.push(machine.params.dueOnFact);
    Object.values(machine).forEach((value) => factsReadByWorkflow(value, into));
  }
  return into;
}

/** The prefix a type's own rule names carry; '' (no check) while its activity.json is broken, which is reported. */
function rulePrefixOf(activity: unknown): string {
  const prefix = isRecord(activity) ? activity.rulePrefix : undefined;
  return typeof prefix === 'string' ? prefix : '';
}

/** Snapshots are persisted with the machine id: it names the procedure, as the file name does. */
function checkMachineId(machine: unknown, file: string, report: Report): void {
  const id = isRecord(machine) ? machine.id : undefined;
  const name = basename(file, '.json');
  if (typeof id === 'string' && id !== name)
    report(jsonPointer('id'), `the machine id must be the workflow's file name "${name}", found "${id}"`);
}

/** A contract fact no rule reads is either dead weight for clients to send or a rule someone forgot. */
function checkEveryFactRead(
  documents: DefinitionDocuments,
  factsRead: ReadonlyMap<RuleSetUnit, ReadonlySet<string>>,
  problems: DefinitionProblem[],
): void {
  const unread = (file: string, isRead: (name: string) => boolean, by: string) => {
    const document = documents.get(file);
    const declared = [
      ...inputFactNames(document).map((name) => ({ name, place: jsonPointer('properties', name) })),
      ...derivedFactNames(document).map((name) => ({ name, place: jsonPointer('derived', name) })),
    ];
    for (const { name, place } of declared) {
      if (!isRead(name))
        problems.push({ file, place, reason: `fact "${name}" is not read by any rule ${by}` });
    }
  };
  for (const [unit, read] of factsRead) {
    const of = unit.phase ? `of ${unit.type} (${unit.phase})` : `of ${unit.type}`;
    for (const file of [ruleSetFile(unit.folder, 'facts.json'), ruleSetFile(unit.folder, 'derived.json')])
      unread(file, (name) => read.has(name), of);
  }
  // A shared fact may serve some types only: it is unread when no type's rules read it. The decision itself
  // reads the evaluation basis, for the report, though no rule scores it.
  const readByAny = (name: string) =>
    name === EVALUATION_BASIS_FACT || [...factsRead.values()].some((read) => read.has(name));
  for (const file of [SHARED_FACTS_FILE, SHARED_DERIVED_FILE]) unread(file, readByAny, 'of any type');
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
function buildCatalogue({ documents, types, units, workflowOf }: DefinitionFiles): DefinitionCatalogue {
  const read = <T>(file: string) => documents.get(file) as T;
  const { departments } = read<{ departments: Department[] }>(DEPARTMENTS_FILE);
  const { measures } = read<{ measures: Measure[] }>(MEASURES_FILE);
  const { years } = read<WorkingDayCalendar>(CALENDAR_FILE);
  const {
    $schema: _schema,
    $comment: _comment,
    ...vocabulary
  } = read<Vocabulary & Record<'$schema' | '$comment', string>>(VOCABULARY_FILE);
  const derivedOf = (file: string) => read<{ derived: FactContract['derived'] }>(file).derived;
  const sharedSchema = read<JsonSchema>(SHARED_FACTS_FILE);
  const shared = factContractOf(sharedSchema, derivedOf(SHARED_DERIVED_FILE));
  const ruleSetOf = (unit: RuleSetUnit, laterPhases?: Record<string, string>): RuleSetDefinition => {
    const file = (name: RuleSetFileName) => ruleSetFile(unit.folder, name);
    const factsSchema = withSharedFacts(read<JsonSchema>(file('facts.json')), sharedSchema);
    const own = factContractOf(factsSchema, derivedOf(file('derived.json')));
    const { medium, high, critical } = read<LevelThresholds>(file('levels.json'));
    const content = {
      type: unit.type,
      ...(unit.phase ? { phase: unit.phase } : {}),
      // The first phase names the later phases' versions, so a case pinned to it is pinned to them all.
      ...(laterPhases ? { phases: laterPhases } : {}),
      factsSchema,
      facts: { input: { ...shared.input, ...own.input }, derived: { ...shared.derived, ...own.derived } },
      levels: { medium, high, critical },
      routeDefaults: read<{ defaults: RouteDefaults }>(file('routing.json')).defaults,
      files: ruleFilesOf(unit.folder).map(({ file }): RuleFile => ({
        file,
        rules: read<{ rules: RuleFile['rules'] }>(file).rules,
      })),
      departments,
      measures,
    };
    return { ...content, hash: hashRuleSet(content) };
  };
  const definitionOf = (type: string): ActivityDefinition => {
    const manifest = read<ActivityManifest>(activityFile(type));
    const own = units.filter((unit) => unit.type === type);
    const later = own.slice(1).map((unit) => ruleSetOf(unit));
    const first = ruleSetOf(
      own[0],
      manifest.phases ? Object.fromEntries(later.map((rules) => [rules.phase!, rules.hash])) : undefined,
    );
    const workflowFile = workflowOf.get(type)!;
    // "$schema" points an editor at the workflow schema; it is not part of the procedure, nor of its hash.
    const { $schema: _editorSchema, ...machine } = read<MachineConfigJson & { $schema?: string }>(
      workflowFile,
    );
    return {
      type,
      label: manifest.label,
      competentDepartments: manifest.competentDepartments,
      rules: first,
      ...(manifest.phases
        ? {
            phases: manifest.phases.map(({ id, label }, index) => ({
              id,
              label,
              rules: index === 0 ? first : later[index - 1],
            })),
          }
        : {}),
      workflow: { type, file: workflowFile, machine, hash: hashWorkflow(machine) },
    };
  };
  const definitions = Object.fromEntries(types.map((type) => [type, definitionOf(type)]));
  const applicantSchema = sharedSchema.properties!.applicant;
  return { departments, measures, types, applicantSchema, definitions, calendar: { years }, vocabulary };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
