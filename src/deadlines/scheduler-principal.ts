import type { Principal } from '../auth/principal';

/** The actor of what the scheduler records: nobody asked for it, the due time did. */
export const SCHEDULER_PRINCIPAL: Principal = {
  keyId: 'scheduler',
  role: 'admin',
  name: 'deadline scheduler',
  department: null,
  creditCode: null,
};
