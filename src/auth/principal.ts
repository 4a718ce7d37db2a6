export const ROLES = ['admin', 'officer', 'enterprise', 'reviewer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: resolved from the API key on every request. */
export interface Principal {
  keyId: string;
  role: Role;
  name: string;
  department: string | null; // officers and reviewers
  creditCode: string | null; // enterprises
}
