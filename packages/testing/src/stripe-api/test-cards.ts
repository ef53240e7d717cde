/**
 * How a test card behaves, after Stripe's testing docs (docs.stripe.com/testing):
 * - `succeeds`: every charge and setup succeeds (4242 4242 4242 4242, `pm_card_visa`, `tok_visa`).
 * - `declined`: refused when attached or set up, `card_declined` / `generic_decline` (4000 0000 0000 0002).
 * - `fails_later`: attaches and sets up, then every charge is declined (4000 0000 0000 0341), the card for
 *   renewals that fail.
 * - `authentication_required`: a setup or on-session payment needs 3D Secure; once set up, off-session
 *   charges succeed (4000 0025 0000 3155).
 * - `insufficient_funds`: declined with `insufficient_funds` (4000 0000 0000 9995).
 */
export type TestCardBehaviour =
  | 'succeeds'
  | 'declined'
  | 'fails_later'
  | 'authentication_required'
  | 'insufficient_funds';

export interface TestCard {
  behaviour: TestCardBehaviour;
  brand: string;
  last4: string;
  fingerprint: string;
  /** Set up for off-session use (a SetupIntent or Checkout succeeded with it). */
  setUp?: boolean;
}

interface CardSpec {
  number: string;
  brand: string;
  behaviour: TestCardBehaviour;
  /** Stripe's named test payment method and token for the card, where it has one. */
  paymentMethod?: string;
  token?: string;
}

const cards: readonly CardSpec[] = [
  {
    number: '4242424242424242',
    brand: 'visa',
    behaviour: 'succeeds',
    paymentMethod: 'pm_card_visa',
    token: 'tok_visa',
  },
  {
    number: '5555555555554444',
    brand: 'mastercard',
    behaviour: 'succeeds',
    paymentMethod: 'pm_card_mastercard',
    token: 'tok_mastercard',
  },
  {
    number: '378282246310005',
    brand: 'amex',
    behaviour: 'succeeds',
    paymentMethod: 'pm_card_amex',
    token: 'tok_amex',
  },
  {
    number: '4000000000000002',
    brand: 'visa',
    behaviour: 'declined',
    paymentMethod: 'pm_card_visa_chargeDeclined',
    token: 'tok_chargeDeclined',
  },
  {
    number: '4000000000009995',
    brand: 'visa',
    behaviour: 'insufficient_funds',
    paymentMethod: 'pm_card_visa_chargeDeclinedInsufficientFunds',
    token: 'tok_chargeDeclinedInsufficientFunds',
  },
  {
    number: '4000000000000341',
    brand: 'visa',
    behaviour: 'fails_later',
    paymentMethod: 'pm_card_chargeCustomerFail',
    token: 'tok_chargeCustomerFail',
  },
  {
    number: '4000002500003155',
    brand: 'visa',
    behaviour: 'authentication_required',
    paymentMethod: 'pm_card_authenticationRequiredOnSetup',
    token: 'tok_authenticationRequiredOnSetup',
  },
];

function cardOf(spec: CardSpec): TestCard {
  return {
    behaviour: spec.behaviour,
    brand: spec.brand,
    last4: spec.number.slice(-4),
    fingerprint: `fp${spec.number.slice(-8)}`,
  };
}

/** The test card for a card number (spaces allowed), or `undefined` when it is not one of Stripe's. */
export function testCardForNumber(number: string): TestCard | undefined {
  const digits = number.replace(/[\s-]/g, '');
  const spec = cards.find((card) => card.number === digits);
  return spec ? cardOf(spec) : undefined;
}

/** The test card behind one of Stripe's test tokens (`tok_visa`). */
export function testCardForToken(token: string): TestCard | undefined {
  const spec = cards.find((card) => card.token === token);
  return spec ? cardOf(spec) : undefined;
}

/** The test card behind one of Stripe's named test payment methods (`pm_card_visa`). */
export function testCardForPaymentMethod(id: string): TestCard | undefined {
  const spec = cards.find((card) => card.paymentMethod === id);
  return spec ? cardOf(spec) : undefined;
}

/** The numbers the hosted pages list, with what each does. */
export const hostedPageCards: readonly { number: string; label: string }[] = [
  { number: '4242424242424242', label: 'succeeds' },
  { number: '4000000000000002', label: 'declined' },
  { number: '4000002500003155', label: 'needs 3D Secure' },
  { number: '4000000000000341', label: 'sets up, renewals fail' },
];
