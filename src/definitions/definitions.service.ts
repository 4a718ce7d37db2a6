import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { canonicalJson } from '../audit/audit-hash';
import { authorize } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import {
  ActivityDefinition,
  DefinitionCatalogue,
  Department,
  JsonSchema,
  RuleSetDefinition,
  WorkflowDefinition,
} from './definition.types';
import { DefinitionVersionEntity } from './definition-version.entity';
import type { Vocabulary } from './vocabulary';
import type { FieldError } from '../common/problem';
import { zhReasonOf } from '../common/field-reason-zh';

export const DEFINITION_CATALOGUE = Symbol('DEFINITION_CATALOGUE');

/** Every rule set of a type: one, or one per phase. */
function ruleSetsOf(definition: ActivityDefinition): RuleSetDefinition[] {
  return definition.phases ? definition.phases.map((phase) => phase.rules) : [definition.rules];
}

/**
 * The catalogue of definition versions. The active version of each type comes from the files loaded at
 * start; every version a case was ever pinned to is kept in the database by its content hash, so an open
 * case keeps its rules and workflow after the files change, and old decisions can be replayed.
 */
@Injectable()
export class DefinitionsService implements OnApplicationBootstrap {
  private readonly rulesCache = new Map<string, RuleSetDefinition>();
  private readonly workflowsCache = new Map<string, WorkflowDefinition>();

  constructor(
    @Inject(DEFINITION_CATALOGUE) private readonly catalogue: DefinitionCatalogue,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {
    for (const definition of Object.values(catalogue.definitions)) {
      for (const rules of ruleSetsOf(definition)) this.rulesCache.set(rules.hash, rules);
      this.workflowsCache.set(definition.workflow.hash, definition.workflow);
    }
  }

  /** Records the active versions, so they can still be found by hash after the files change. */
  async onApplicationBootstrap(): Promise<void> {
    await this.uow.write(async (manager) => {
      for (const definition of Object.values(this.catalogue.definitions)) {
        for (const rules of ruleSetsOf(definition))
          await this.keep(manager, definition.type, 'rules', rules.hash, rules);
        await this.keep(manager, definition.type, 'workflow', definition.workflow.hash, definition.workflow);
      }
    });
  }

  listDepartments(actor: Principal): Department[] {
    authorize(actor, 'catalogue.read');
    return this.catalogue.departments;
  }

  /** The words for the service's own codes (rules/vocabulary.json), for clients that show them. */
  listVocabulary(actor: Principal): Vocabulary {
    authorize(actor, 'catalogue.read');
    return this.catalogue.vocabulary;
  }

  /** The vocabulary for the console and the reports, which label with it whatever the reader may see. */
  vocabulary(): Vocabulary {
    return this.catalogue.vocabulary;
  }

  /** The active version of every type, with its hashes. */
  summaries(actor: Principal) {
    authorize(actor, 'catalogue.read');
    return this.all().map((d) => ({
      type: d.type,
      workflowHash: d.workflow.hash,
      rulesHash: d.rules.hash,
      ruleCount: d.rules.files.reduce((n, f) => n + f.rules.length, 0),
      states: Object.keys(d.workflow.machine.states),
    }));
  }

  /**
   * The active version of one type: its machine config and its rules, exactly as loaded, and its facts
   * contract: the JSON Schema clients send (`facts`, with the applicant's beside it) and the derived facts
   * the rules also see, each labelled, as forms and reports show them.
   */
  detail(actor: Principal, type: string) {
    authorize(actor, 'catalogue.read');
    const d = this.active(type);
    const { $schema: _editorSchema, ...facts } = d.rules.factsSchema;
    return {
      type: d.type,
      label: d.label,
      competentDepartments: d.competentDepartments,
      workflow: d.workflow,
      rules: d.rules,
      facts,
      applicant: this.catalogue.applicantSchema,
      derived: d.rules.facts.derived,
      ...(d.phases
        ? {
            phases: d.phases.map(({ id, label, rules }) => {
              const { $schema: _schema, ...phaseFacts } = rules.factsSchema;
              return { id, label, rulesHash: rules.hash, facts: phaseFacts, derived: rules.facts.derived };
            }),
          }
        : {}),
    };
  }

  /** The applicant's contract (JSON Schema), the same for every type: reports label the applicant from it. */
  applicantSchema(): JsonSchema {
    return this.catalogue.applicantSchema;
  }

  isDepartment(code: string): boolean {
    return this.catalogue.departments.some((d) => d.code === code);
  }

  /** The active definition of a type named in a path: an unknown one is a resource that does not exist (404). */
  active(type: string): ActivityDefinition {
    const definition = this.find(type);
    if (definition) return definition;
    throw new DomainError('definition.unknown-type', `No definition for activity type "${type}"`, {
      errors: [this.unknownType()],
    });
  }

  /** The active definition of a type named in a request body or query: an unknown one is bad input (400). */
  requested(type: string): ActivityDefinition {
    const definition = this.find(type);
    if (definition) return definition;
    throw new DomainError('request.invalid', `No definition for activity type "${type}"`, {
      errors: [this.unknownType()],
    });
  }

  all(): ActivityDefinition[] {
    return this.catalogue.types.map((type) => this.catalogue.definitions[type]);
  }

  private find(type: string): ActivityDefinition | undefined {
    // An own property only: "__proto__" or "constructor" must not find anything.
    return Object.hasOwn(this.catalogue.definitions, type) ? this.catalogue.definitions[type] : undefined;
  }

  private unknownType(): FieldError {
    const types = this.catalogue.types;
    return {
      field: 'type',
      reason: `type must be one of ${types.join(', ')}`,
      zh: zhReasonOf('isIn', 'type', { values: types }, ''),
    };
  }

  /** `manager`: the caller's transaction (a pinned version is looked up inside the command's unit of work). */
  async rulesByHash(manager: EntityManager, hash: string): Promise<RuleSetDefinition> {
    return this.byHash(manager, hash, 'rules', this.rulesCache);
  }

  async workflowByHash(manager: EntityManager, hash: string): Promise<WorkflowDefinition> {
    return this.byHash(manager, hash, 'workflow', this.workflowsCache);
  }

  /** The workflow of a hash if it is known already (every active one is), without a database round trip. */
  cachedWorkflow(hash: string): WorkflowDefinition | undefined {
    return this.workflowsCache.get(hash);
  }

  private async byHash<T>(
    manager: EntityManager,
    hash: string,
    kind: 'rules' | 'workflow',
    cache: Map<string, T>,
  ): Promise<T> {
    const cached = cache.get(hash);
    if (cached) return cached;
    const row = await manager.findOneBy(DefinitionVersionEntity, { hash, kind });
    if (!row) throw new DomainError('definition.unknown-type', `No ${kind} definition with hash ${hash}`);
    const definition = JSON.parse(row.content) as T;
    cache.set(hash, definition);
    return definition;
  }

  private async keep(
    manager: EntityManager,
    type: string,
    kind: 'rules' | 'workflow',
    hash: string,
    content: unknown,
  ) {
    const exists = await manager.existsBy(DefinitionVersionEntity, { hash });
    if (exists) return;
    await manager.insert(DefinitionVersionEntity, {
      hash,
      type,
      kind,
      content: canonicalJson(content),
      firstSeenAt: this.clock.now().toISOString(),
    });
  }
}
