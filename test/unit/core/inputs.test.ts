import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  CompanyNameSchema,
  CustomerIdSchema,
  DaySchema,
  DomainSchema,
  OriginalInputSchema,
  PathSchema,
  ProgramSchema,
  ProvisionedInputSchema,
  SeatsSchema,
  StepSchema,
  TextSchema,
  TrackInputSchema,
} from '../../../src/core/inputs';

/** What a refused input says, as the background reports it: `field: why` per problem (just `why` for a bare value). */
function problems(schema: v.GenericSchema, input: unknown): string[] {
  const r = v.safeParse(schema, input);
  return r.success ? [] : r.issues.map((i) => (v.getDotPath(i) === null ? i.message : `${v.getDotPath(i)}: ${i.message}`));
}

function parsed<T>(schema: v.GenericSchema<unknown, T>, input: unknown): T {
  const r = v.safeParse(schema, input);
  if (!r.success) throw new Error(`refused: ${r.issues.map((i) => i.message).join('; ')}`);
  return r.output;
}

const GUID = '6fd2c87f-b296-42f0-b197-1e91e994b900';

describe('CustomerIdSchema', () => {
  it("takes the customer's Microsoft ID in any case, with spaces around, as its canonical lower-case form", () => {
    expect(parsed(CustomerIdSchema, `  ${GUID.toUpperCase()}\t`)).toBe(GUID);
    expect(parsed(CustomerIdSchema, GUID)).toBe(GUID);
  });

  it('refuses anything that is not a GUID, saying what is expected', () => {
    for (const bad of ['', 'contoso.onmicrosoft.com', `${GUID}x`, GUID.slice(1), `{${GUID}}`]) {
      expect(problems(CustomerIdSchema, bad), bad).toEqual(["must be a GUID (the customer's Microsoft ID)"]);
    }
  });
});

describe('TextSchema', () => {
  it('trims, then allows at most `max` characters', () => {
    expect(parsed(TextSchema(5), '  abcde  ')).toBe('abcde');
    expect(parsed(TextSchema(5), '')).toBe('');
    expect(problems(TextSchema(5), 'abcdef')).toEqual(['must be at most 5 characters']);
    expect(problems(TextSchema(300), 'x'.repeat(301))).toEqual(['must be at most 300 characters']);
  });
});

describe('required texts and days', () => {
  it('a company name must not be empty (spaces are empty) nor longer than 500 characters', () => {
    expect(parsed(CompanyNameSchema, ' Contoso Ltd ')).toBe('Contoso Ltd');
    expect(problems(CompanyNameSchema, '   ')).toEqual(['must not be empty']);
    expect(parsed(CompanyNameSchema, 'c'.repeat(500))).toHaveLength(500);
    expect(problems(CompanyNameSchema, 'c'.repeat(501))).toEqual(['must be at most 500 characters']);
  });

  it('a domain may be empty, trimmed, at most 300 characters', () => {
    expect(parsed(DomainSchema, '')).toBe('');
    expect(parsed(DomainSchema, ' contoso.com ')).toBe('contoso.com');
    expect(problems(DomainSchema, 'd'.repeat(301))).toEqual(['must be at most 300 characters']);
  });

  it('a day must be a real calendar date written YYYY-MM-DD', () => {
    expect(parsed(DaySchema, '2028-02-29')).toBe('2028-02-29');
    for (const bad of ['2027-02-29', '2027-13-01', '31/01/2027', '2027-1-31', '']) {
      expect(problems(DaySchema, bad), bad).toEqual(['must be a calendar date YYYY-MM-DD']);
    }
  });
});

describe('SeatsSchema', () => {
  it('takes whole numbers from 0 to 10,000,000', () => {
    for (const n of [0, 1, 25, 10_000_000]) expect(parsed(SeatsSchema, n)).toBe(n);
  });

  it('says why a seat count is refused', () => {
    expect(problems(SeatsSchema, 2.5)).toEqual(['must be a whole number']);
    expect(problems(SeatsSchema, -1)).toEqual(['must not be negative']);
    expect(problems(SeatsSchema, 10_000_001)).toEqual(['must be at most 10000000']);
  });
});

describe('choices', () => {
  it('a program, a step and a path are one of their listed values, and a refusal lists them', () => {
    expect(parsed(ProgramSchema, 'ea')).toBe('ea');
    expect(problems(ProgramSchema, 'csp')).toEqual(['must be one of open, ea, direct, other-partner, other, unknown']);
    expect(parsed(StepSchema, 'originals-ended')).toBe('originals-ended');
    expect(problems(StepSchema, 'finished')).toEqual([
      'must be one of planned, requested, accepted, provisioned, originals-ended, csp-scheduled, ea-ended, transfer-requested, transfer-approved, done',
    ]);
    expect(parsed(PathSchema, 'partner-transfer')).toBe('partner-transfer');
    expect(problems(PathSchema, 'Manual')).toEqual(['must be one of manual, ea-channel-transfer, partner-transfer']);
  });
});

describe('OriginalInputSchema', () => {
  const line = { offer: ' Office 365 E3 ', seats: 25, expiresOn: '2027-01-31', endBy: 'expire' };

  it('keeps every field of a typed original, trimmed', () => {
    expect(parsed(OriginalInputSchema, { ...line, id: ' o1 ', skuId: ' ENTERPRISEPACK ', endBy: 'cancel', cancelOn: '2027-01-15' })).toEqual({
      id: 'o1',
      offer: 'Office 365 E3',
      skuId: 'ENTERPRISEPACK',
      seats: 25,
      expiresOn: '2027-01-31',
      endBy: 'cancel',
      cancelOn: '2027-01-15',
    });
    expect(parsed(OriginalInputSchema, line)).toEqual({ offer: 'Office 365 E3', seats: 25, expiresOn: '2027-01-31', endBy: 'expire' });
  });

  it('names the field of each problem', () => {
    expect(problems(OriginalInputSchema, { ...line, endBy: 'renew' })).toEqual(['endBy: must be expire or cancel']);
    expect(problems(OriginalInputSchema, { ...line, offer: ' ' })).toEqual(['offer: must not be empty']);
    expect(problems(OriginalInputSchema, { ...line, offer: 'o'.repeat(301) })).toEqual(['offer: must be at most 300 characters']);
    expect(problems(OriginalInputSchema, { ...line, skuId: 's'.repeat(101) })).toEqual(['skuId: must be at most 100 characters']);
    expect(problems(OriginalInputSchema, { ...line, id: 'i'.repeat(41) })).toEqual(['id: must be at most 40 characters']);
    expect(problems(OriginalInputSchema, { ...line, seats: -3 })).toEqual(['seats: must not be negative']);
    expect(problems(OriginalInputSchema, { ...line, expiresOn: '2027-02-30' })).toEqual(['expiresOn: must be a calendar date YYYY-MM-DD']);
    expect(problems(OriginalInputSchema, { ...line, endBy: 'cancel', cancelOn: 'soon' })).toEqual(['cancelOn: must be a calendar date YYYY-MM-DD']);
  });

  it('requires the offer, the seats, the expiry and how it ends', () => {
    const { offer: _o, ...noOffer } = line;
    const { seats: _s, ...noSeats } = line;
    const { expiresOn: _e, ...noExpiry } = line;
    const { endBy: _b, ...noEndBy } = line;
    expect(problems(OriginalInputSchema, noOffer).map((p) => p.split(':')[0])).toEqual(['offer']);
    expect(problems(OriginalInputSchema, noSeats).map((p) => p.split(':')[0])).toEqual(['seats']);
    expect(problems(OriginalInputSchema, noExpiry).map((p) => p.split(':')[0])).toEqual(['expiresOn']);
    expect(problems(OriginalInputSchema, noEndBy).map((p) => p.split(':')[0])).toEqual(['endBy']);
  });
});

describe('ProvisionedInputSchema', () => {
  it('keeps every field of a provisioned line, trimmed, and names the field of a problem', () => {
    expect(parsed(ProvisionedInputSchema, { id: 'p1', offer: 'Office 365 E3 ', skuId: GUID, seats: 10, provisionedOn: '2027-01-20' })).toEqual({
      id: 'p1',
      offer: 'Office 365 E3',
      skuId: GUID,
      seats: 10,
      provisionedOn: '2027-01-20',
    });
    expect(problems(ProvisionedInputSchema, { offer: 'Office 365 E3', seats: 10, provisionedOn: '20 Jan 2027' })).toEqual([
      'provisionedOn: must be a calendar date YYYY-MM-DD',
    ]);
    expect(problems(ProvisionedInputSchema, { offer: 'Office 365 E3', seats: 1.5, provisionedOn: '2027-01-20' })).toEqual(['seats: must be a whole number']);
    expect(problems(ProvisionedInputSchema, { offer: '', seats: 1, provisionedOn: '2027-01-20' })).toEqual(['offer: must not be empty']);
  });
});

describe('TrackInputSchema', () => {
  it('keeps a customer to track, its id canonical, its texts trimmed', () => {
    expect(
      parsed(TrackInputSchema, {
        customerId: GUID.toUpperCase(),
        companyName: ' Contoso ',
        domain: 'contoso.com',
        program: 'open',
        path: 'manual',
        step: 'requested',
      }),
    ).toEqual({ customerId: GUID, companyName: 'Contoso', domain: 'contoso.com', program: 'open', path: 'manual', step: 'requested' });
    expect(parsed(TrackInputSchema, { customerId: GUID, companyName: 'Contoso' })).toEqual({ customerId: GUID, companyName: 'Contoso' });
  });

  it('names the field of each problem', () => {
    expect(problems(TrackInputSchema, { customerId: 'contoso', companyName: 'Contoso' })).toEqual([
      "customerId: must be a GUID (the customer's Microsoft ID)",
    ]);
    expect(problems(TrackInputSchema, { customerId: GUID, companyName: '' })).toEqual(['companyName: must not be empty']);
    expect(problems(TrackInputSchema, { customerId: GUID, companyName: 'Contoso', program: 'csp' })).toEqual([
      'program: must be one of open, ea, direct, other-partner, other, unknown',
    ]);
  });
});
