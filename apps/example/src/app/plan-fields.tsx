/** A plan the forms offer: its key, its label, and its seat bounds. */
export interface PlanChoice {
  key: string;
  label: string;
  min: number;
  max: number;
}

/** The plan and seat-count fields of the Billing and sign-up forms; the server parses them again. */
export function PlanFields({ plans }: { plans: readonly PlanChoice[] }) {
  const first = plans[0];
  return (
    <>
      <select name="plan" aria-label="Plan" defaultValue={first?.key}>
        {plans.map((plan) => (
          <option key={plan.key} value={plan.key}>
            {plan.label}
          </option>
        ))}
      </select>
      <input
        name="seats"
        type="number"
        aria-label="Seats"
        min={first?.min}
        max={first?.max}
        defaultValue={3}
        required
      />
    </>
  );
}
