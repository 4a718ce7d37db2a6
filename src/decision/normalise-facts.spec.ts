import type { FactContract } from './rule-set.types';
import type { Facts } from './decision.types';
import { missingRequiredFacts, normaliseFacts } from './normalise-facts';

const label = { zh: 'x', en: 'x' };
const contract: FactContract = {
  input: {
    applicant: {
      kind: 'object',
      label,
      fields: {
        name: { kind: 'string', label },
        creditRecords: {
          kind: 'array',
          label,
          items: {
            kind: 'object',
            label,
            fields: { list: { kind: 'string', label }, expiresOn: { kind: 'date', label, required: false } },
          },
        },
      },
    },
    patentsFiled: { kind: 'integer', label },
    nonCompeteEndsOn: { kind: 'date', label, required: false },
    candidate: {
      kind: 'object',
      label,
      required: false,
      fields: { role: { kind: 'string', label }, formerEmployer: { kind: 'string', label, required: false } },
    },
  },
  derived: {},
};
const applicant = {
  name: 'A',
  creditRecords: [{ list: 'cnipa-dishonesty' }, { list: 'exhibition-blacklist', expiresOn: '2026-01-01' }],
};

describe('normaliseFacts', () => {
  it('sets absent optional facts to null, recursively in objects and arrays of objects', () => {
    const facts = { applicant, patentsFiled: 2, candidate: { role: 'inventor' } } as unknown as Facts;
    expect(normaliseFacts(contract, facts)).toEqual({
      applicant: {
        name: 'A',
        creditRecords: [
          { list: 'cnipa-dishonesty', expiresOn: null },
          { list: 'exhibition-blacklist', expiresOn: '2026-01-01' },
        ],
      },
      patentsFiled: 2,
      nonCompeteEndsOn: null,
      candidate: { role: 'inventor', formerEmployer: null },
    });
  });

  it('an absent optional object is null, not an object of nulls', () => {
    const normalised = normaliseFacts(contract, { applicant, patentsFiled: 0 } as unknown as Facts);
    expect(normalised.candidate).toBeNull();
  });

  it('treats an explicit undefined as absent, and leaves absent required facts absent for the engine to reject', () => {
    const normalised = normaliseFacts(contract, {
      applicant,
      patentsFiled: undefined,
      nonCompeteEndsOn: undefined,
    } as unknown as Facts);
    expect('patentsFiled' in normalised).toBe(false);
    expect(normalised.nonCompeteEndsOn).toBeNull();
  });

  it('keeps given values, including null and false, and does not touch the input', () => {
    const facts = {
      applicant,
      patentsFiled: 0,
      nonCompeteEndsOn: null,
      candidate: { role: 'x', formerEmployer: 'B' },
    } as unknown as Facts;
    const before = JSON.stringify(facts);
    expect(normaliseFacts(contract, facts)).toMatchObject({
      patentsFiled: 0,
      nonCompeteEndsOn: null,
      candidate: { formerEmployer: 'B' },
    });
    expect(JSON.stringify(facts)).toBe(before);
  });
});

describe('missingRequiredFacts', () => {
  it('names absent or undefined required top-level facts, sorted; optional and null ones are fine', () => {
    expect(missingRequiredFacts(contract, { patentsFiled: undefined })).toEqual([
      'applicant',
      'patentsFiled',
    ]);
    expect(missingRequiredFacts(contract, { applicant, patentsFiled: null })).toEqual([]);
  });
});
