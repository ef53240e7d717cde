import { definePlans } from '../plans';

/** Team Tasks' plans: a team plan with a trial and an enterprise plan with a higher floor. */
export const plans = definePlans({
  team: { price: 'price_team_seat', seats: { min: 1, max: 50 }, trialDays: 14 },
  enterprise: { price: 'price_enterprise_seat', seats: { min: 10, max: 5000 } },
} as const);
