import type { ContractField } from '../definitions/contract-fields';
import { type Lang, pick } from './console-i18n';
import { itemOf } from './item-field';

/**
 * The label of a request path ("facts.candidate.name", "applicant.creditRecords.0.list"), from the
 * contract's fields; rows of an array share their item's labels. Unknown paths answer "".
 */
export function fieldLabels(fields: ContractField[], lang: Lang): (path: string) => string {
  const labels = new Map<string, string>();
  const walk = (list: ContractField[], prefix: string | null) => {
    for (const f of list) {
      const path = prefix === null ? f.path : `${prefix}.${f.key}`;
      labels.set(path, pick(f.label, lang));
      if (f.kind === 'object') walk(f.children ?? [], path);
      const item = itemOf(f);
      if (item?.kind === 'object') walk(item.children ?? [], `${path}.*`);
    }
  };
  walk(fields, null);
  return (path) => labels.get(path.replace(/\.\d+(?=\.|$)/g, '.*')) ?? '';
}
