import { Injectable } from '@nestjs/common';
import { type ContractField, contractFields } from '../definitions/contract-fields';
import type { LocalizedText } from '../definitions/definition.types';
import { DefinitionsService } from '../definitions/definitions.service';
import { stateLabel } from '../definitions/state-label';
import { type VocabularyGroup, vocabularyText } from '../definitions/vocabulary';
import type { Lang } from './console-i18n';

/** Labels from the definition files (departments, types, states, stages, facts), looked up once per use. */
@Injectable()
export class ConsoleLabels {
  constructor(private readonly definitions: DefinitionsService) {}

  /** The words for one of the service's own codes (rules/vocabulary.json); an unlabelled code as it is. */
  word(group: VocabularyGroup, code: string | null | undefined, lang: Lang): string {
    return vocabularyText(this.definitions.vocabulary(), group, code)?.[lang] ?? code ?? '';
  }

  types(): string[] {
    return this.definitions.all().map((d) => d.type);
  }

  departments() {
    return this.definitions.all()[0].rules.departments;
  }

  department(code: string | null | undefined, lang: Lang): string {
    if (!code) return '';
    const found = this.departments().find((d) => d.code === code);
    return found ? found[lang] : code;
  }

  type(type: string, lang: Lang): string {
    const definition = this.definitions.all().find((d) => d.type === type);
    return definition ? definition.label[lang] : type;
  }

  state(type: string, state: string, lang: Lang): string {
    const label = stateLabel(this.definitions.active(type).workflow, state);
    return label ? label[lang] : state;
  }

  /** A task stage's label: the label of the workflow state whose meta names that stage. */
  stage(type: string, stage: string, lang: Lang): string {
    const states = this.definitions.active(type).workflow.machine.states as Record<
      string,
      { meta?: { stage?: string; label?: LocalizedText } }
    >;
    const found = Object.values(states).find((s) => s.meta?.stage === stage);
    return found?.meta?.label?.[lang] ?? stage;
  }

  /** Every stage of every type, for the inbox filter. */
  stages(): string[] {
    const stages = new Set<string>();
    for (const d of this.definitions.all())
      for (const s of Object.values(d.workflow.machine.states) as { meta?: { stage?: string } }[])
        if (s.meta?.stage) stages.add(s.meta.stage);
    return [...stages];
  }

  /** The request's fields: the applicant, then the type's facts under "facts" (paths as the API names them). */
  fields(type: string): ContractField[] {
    const applicant = contractFields({
      type: 'object',
      properties: { applicant: this.definitions.applicantSchema() },
      required: ['applicant'],
    });
    return [...applicant, ...contractFields(this.definitions.active(type).rules.factsSchema, 'facts')];
  }
}
