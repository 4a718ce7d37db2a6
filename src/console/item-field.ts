import type { ContractField } from '../definitions/contract-fields';

/** The field of one item of an array field (the contract-fields helper keeps it as the only child). */
export function itemOf(field: ContractField): ContractField | undefined {
  return field.kind === 'array' ? field.children?.[0] : undefined;
}
