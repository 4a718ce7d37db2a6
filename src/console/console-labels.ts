import { Injectable } from '@nestjs/common';
import type { ActivityType, LocalizedText } from '../definitions/definition.types';
import { DefinitionsService } from '../definitions/definitions.service';
import { stateLabel } from '../evaluations/state-label';
import { type ContractField, contractFields } from './contract-fields-adapter';
import type { Lang } from './console-i18n';

/** Labels from the definition files (departments, types, states, stages, facts), looked up once per use. */
@Injectable()
export class ConsoleLabels {
  constructor(private readonly definitions: DefinitionsService) {}

  types(): ActivityType[] {
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

  /** The workflow file's description reads "中文 — English". */
  type(type: string, lang: Lang): string {
    const definition = this.definitions.all().find((d) => d.type === type);
    const description = (definition?.workflow.machine.description as string | undefined) ?? type;
    const [zh, en] = description.split(' — ');
    return (lang === 'zh' ? zh : (en ?? zh)).trim();
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

  fields(type: string): ContractField[] {
    return contractFields(this.definitions.active(type).rules.facts);
  }
}
