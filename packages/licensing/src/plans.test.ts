import { describe, expect, it } from 'vitest';
import { plans } from './__fixtures__/plans';
import { LicensingError } from './errors';
import { definePlans, memberInputSchema } from './plans';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (LicensingError.isInstance(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe('definePlans', () => {
  it('finds a plan by key and by its seat price, never by an undeclared price', () => {
    expect(plans.keys).toEqual(['team', 'enterprise']);
    expect(plans.get('team')).toMatchObject({ key: 'team', price: 'price_team_seat', trialDays: 14 });
    expect(plans.byPrice('price_enterprise_seat')?.key).toBe('enterprise');
    expect(plans.byPrice('price_someone_elses')).toBeUndefined();
  });

  it.each([
    ['no plan', {}],
    ['a price that is not a Stripe price id', { team: { price: 'team', seats: { min: 1, max: 5 } } }],
    ['min above max', { team: { price: 'price_a', seats: { min: 6, max: 5 } } }],
    ['a zero floor', { team: { price: 'price_a', seats: { min: 0, max: 5 } } }],
    ['a ceiling above Stripe’s', { team: { price: 'price_a', seats: { min: 1, max: 1_000_000 } } }],
    [
      'two plans on one price',
      {
        a: { price: 'price_a', seats: { min: 1, max: 5 } },
        b: { price: 'price_a', seats: { min: 1, max: 9 } },
      },
    ],
  ])('refuses %s with invalid_option', (_, definitions) => {
    expect(codeOf(() => definePlans(definitions as never))).toBe('invalid_option');
  });
});

describe('plans.parseCheckout: the client sends a plan key and a quantity', () => {
  it('accepts a declared plan and a quantity in bounds, from JSON or a form', () => {
    expect(plans.parseCheckout({ plan: 'team', seats: 5 })).toEqual({ plan: 'team', seats: 5 });
    expect(plans.parseCheckout({ plan: 'enterprise', seats: '25' })).toEqual({
      plan: 'enterprise',
      seats: 25,
    });
  });

  it.each([
    ['a plan key not declared', { plan: 'platinum', seats: 5 }, 'invalid_input'],
    ['a price id instead of a plan key', { plan: 'price_team_seat', seats: 5 }, 'invalid_input'],
    ['no quantity', { plan: 'team' }, 'invalid_input'],
    ['a fractional quantity', { plan: 'team', seats: 2.5 }, 'invalid_input'],
    ['a word for a quantity', { plan: 'team', seats: 'five' }, 'invalid_input'],
    ['quantity 0', { plan: 'team', seats: 0 }, 'quantity_out_of_range'],
    ['a negative quantity', { plan: 'team', seats: -3 }, 'quantity_out_of_range'],
    ['a negative quantity from a form', { plan: 'team', seats: '-3' }, 'quantity_out_of_range'],
    ['a quantity above the plan’s bound', { plan: 'team', seats: 51 }, 'quantity_out_of_range'],
    ['a quantity below the plan’s floor', { plan: 'enterprise', seats: 9 }, 'quantity_out_of_range'],
    ['no object at all', 'team:5', 'invalid_input'],
  ])('refuses %s', (_, input, code) => {
    expect(codeOf(() => plans.parseCheckout(input))).toBe(code);
  });

  it('says what to fix, with a 422', () => {
    try {
      plans.parseCheckout({ plan: 'platinum', seats: 5 });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ status: 422, code: 'invalid_input' });
      expect((error as Error).message).toMatch(/^@clerkship\/licensing: .*team, enterprise/);
    }
  });
});

describe('memberInputSchema', () => {
  it('accepts a Clerk user id and nothing else', () => {
    expect(memberInputSchema.safeParse({ userId: 'user_2iVvo8iFCJQJ1WCXeBk5T9lUTO5' }).success).toBe(true);
    expect(memberInputSchema.safeParse({ userId: "user_1' OR 1=1" }).success).toBe(false);
    expect(memberInputSchema.safeParse({ userId: 'org_123' }).success).toBe(false);
  });

  it('accepts ids with underscores, as the waitlist does (user_seed_001, user_local_bob), and no other signs', () => {
    expect(memberInputSchema.safeParse({ userId: 'user_seed_001' }).success).toBe(true);
    expect(memberInputSchema.safeParse({ userId: 'user_local_bob' }).success).toBe(true);
    expect(memberInputSchema.safeParse({ userId: 'user_' }).success).toBe(false);
    expect(memberInputSchema.safeParse({ userId: 'user_bob-1' }).success).toBe(false);
    expect(memberInputSchema.safeParse({ userId: 'user_bob\n' }).success).toBe(false);
  });
});
