/**
 * The activity types shipped in rules/, for tests that walk each of them. The service itself knows no type
 * by name: it finds them in the definition folders (a test checks this list against them).
 */
export const ACTIVITY_TYPES = [
  'major-project',
  'talent-introduction',
  'trade-show',
  'technology-trade',
] as const;
export type ShippedType = (typeof ACTIVITY_TYPES)[number];
