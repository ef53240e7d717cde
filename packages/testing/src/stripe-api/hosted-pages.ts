import type Stripe from 'stripe';
import { cancelInPortal, changeQuantityInPortal, portalSubscriptions, renewInPortal } from './billing-portal';
import { completeCheckoutSession } from './checkout-sessions';
import { idOf } from './lookups';
import { declineOf } from './payment-methods';
import { failSetupIntent, succeedSetupIntent } from './setup-intents';
import type { StripeFakeState } from './stripe-fake-state';
import { StripeRequestError } from './stripe-request-error';
import { hostedPageCards, type TestCard, testCardForNumber } from './test-cards';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function page(title: string, body: string, status = 200): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#1a1f36}
h1{font-size:1.4rem}.notice{background:#fff3cd;border:1px solid #e0c36b;padding:.6rem;border-radius:6px}
.error{background:#fde2e1;border:1px solid #e3a19f;padding:.6rem;border-radius:6px}
label{display:block;margin:.8rem 0 .2rem}input{font-size:1rem;padding:.4rem;width:100%;box-sizing:border-box}
button{font-size:1rem;padding:.5rem 1rem;margin:.8rem .4rem 0 0;cursor:pointer}
section{border:1px solid #e3e8ee;border-radius:8px;padding:1rem;margin:1rem 0}small{color:#697386}
</style></head><body>
<p class="notice">Stripe fake (test mode): no real payment is made.</p>
${body}
</body></html>`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

function redirect(location: string): Response {
  return new Response(null, { status: 303, headers: { location } });
}

function money(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(
    amount / 100,
  );
}

function successUrl(session: Stripe.Checkout.Session): string {
  return (session.success_url ?? '').replaceAll('{CHECKOUT_SESSION_ID}', session.id);
}

function checkoutPage(
  state: StripeFakeState,
  session: Stripe.Checkout.Session,
  form: URLSearchParams,
  error?: string,
) {
  const lines = state.checkoutLines.get(session.id) ?? [];
  const trial = state.checkoutSubscriptionData.get(session.id)?.trialEnd;
  const rows = lines
    .map((line) => {
      const name = state.products.get(idOf(line.price.product) ?? '')?.name ?? 'Product';
      const amount = money(line.price.unit_amount ?? 0, line.price.currency);
      const interval = line.price.recurring?.interval ?? 'month';
      const quantity = form.get(`quantity_${line.id}`) ?? String(line.quantity);
      const input = line.adjustable
        ? `<label for="quantity_${line.id}">Quantity</label><input id="quantity_${line.id}" name="quantity_${line.id}" type="number" min="${line.adjustable.minimum}" max="${line.adjustable.maximum}" value="${escapeHtml(quantity)}">`
        : `<p>Quantity: ${line.quantity}</p>`;
      return `<section><strong>${escapeHtml(name)}</strong><p>${amount} per ${interval}</p>${input}</section>`;
    })
    .join('');
  const heading =
    session.mode === 'setup' ? 'Save a card for future payments' : trial ? `Start your trial` : 'Subscribe';
  const email =
    session.customer || session.customer_email
      ? `<p>Email: ${escapeHtml(session.customer_email ?? session.customer_details?.email ?? String(session.customer))}</p>`
      : `<label for="email">Email</label><input id="email" name="email" type="email" value="${escapeHtml(form.get('email') ?? '')}">`;
  const cards = hostedPageCards.map((card) => `<li><code>${card.number}</code>: ${card.label}</li>`).join('');
  return page(
    heading,
    `<h1>${heading}</h1>${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/checkout/${session.id}">${rows}${email}
<label for="cardNumber">Card number</label>
<input id="cardNumber" name="cardNumber" inputmode="numeric" autocomplete="cc-number" value="${escapeHtml(form.get('cardNumber') ?? '4242 4242 4242 4242')}">
<button type="submit" name="action" value="pay">${session.mode === 'setup' ? 'Save card' : trial ? 'Start trial' : 'Pay'}</button>
<button type="submit" name="action" value="cancel">Cancel</button>
</form><small>Test cards:<ul>${cards}</ul></small>`,
    error ? 402 : 200,
  );
}

function hiddenFields(form: URLSearchParams): string {
  return [...form]
    .filter(([name]) => name !== 'action')
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
}

function authenticationPage(action: string, form: URLSearchParams) {
  return page(
    'Complete authentication',
    `<h1>Complete authentication</h1><p>Your bank asks you to confirm this card (3D Secure test page).</p>
<form method="post" action="${action}">${hiddenFields(form)}
<button type="submit" name="action" value="complete">Complete authentication</button>
<button type="submit" name="action" value="fail">Fail authentication</button></form>`,
  );
}

const authenticationFailure =
  'We are unable to authenticate your payment method. Please choose a different payment method and try again.';

function checkoutSubmission(
  state: StripeFakeState,
  session: Stripe.Checkout.Session,
  form: URLSearchParams,
  card: TestCard,
) {
  const quantities: Record<string, number> = {};
  for (const line of state.checkoutLines.get(session.id) ?? []) {
    const value = form.get(`quantity_${line.id}`);
    if (line.adjustable && value !== null) quantities[line.id] = Number(value);
  }
  return { card, email: form.get('email') || null, quantities };
}

/** Checks what the customer typed; the message the hosted page shows when it cannot go on. */
function checkoutProblem(
  state: StripeFakeState,
  session: Stripe.Checkout.Session,
  form: URLSearchParams,
  card: TestCard | undefined,
) {
  if (!card) return 'Your card number is incorrect.';
  for (const line of state.checkoutLines.get(session.id) ?? []) {
    const value = form.get(`quantity_${line.id}`);
    if (!line.adjustable || value === null) continue;
    const quantity = Number(value);
    if (
      !Number.isInteger(quantity) ||
      quantity < Math.max(1, line.adjustable.minimum) ||
      quantity > line.adjustable.maximum
    )
      return `Quantity must be between ${Math.max(1, line.adjustable.minimum)} and ${line.adjustable.maximum}.`;
  }
  if (!session.customer && !session.customer_email && session.mode === 'subscription' && !form.get('email'))
    return 'Enter your email.';
  const charged =
    session.mode === 'subscription' && !state.checkoutSubscriptionData.get(session.id)?.trialEnd;
  return declineOf(card, charged ? 'charge' : 'attach')?.message ?? undefined;
}

function checkout(
  state: StripeFakeState,
  method: string,
  id: string,
  step: string | undefined,
  form: URLSearchParams,
) {
  const session = state.checkoutSessions.get(id);
  if (session?.status !== 'open')
    return page('Checkout unavailable', '<h1>This Checkout Session is no longer available.</h1>', 404);
  if (method === 'GET') return checkoutPage(state, session, new URLSearchParams());
  const action = form.get('action');
  if (action === 'cancel') return redirect(session.cancel_url ?? successUrl(session));
  const card = testCardForNumber(form.get('cardNumber') ?? '');
  if (step === 'authenticate' && action === 'fail')
    return checkoutPage(state, session, form, authenticationFailure);
  const problem = checkoutProblem(state, session, form, card);
  if (problem || !card) return checkoutPage(state, session, form, problem);
  if (card.behaviour === 'authentication_required' && step !== 'authenticate')
    return authenticationPage(`/checkout/${session.id}/authenticate`, form);
  completeCheckoutSession(state, session, checkoutSubmission(state, session, form, card));
  return redirect(successUrl(session));
}

function portalPage(state: StripeFakeState, session: Stripe.BillingPortal.Session, error?: string) {
  const customer = state.customers.get(session.customer);
  const sections = portalSubscriptions(state, session)
    .map((subscription) => {
      const item = subscription.items.data[0];
      const name = state.products.get(idOf(item?.price.product ?? null) ?? '')?.name ?? 'Subscription';
      const ends = subscription.cancel_at
        ? `<p>Cancels on ${new Date(subscription.cancel_at * 1000).toISOString().slice(0, 10)}</p>`
        : '';
      const cancel = subscription.cancel_at_period_end
        ? `<button type="submit" name="action" value="renew">Don't cancel</button>`
        : `<button type="submit" name="action" value="cancel">Cancel subscription</button>`;
      return `<section aria-label="${escapeHtml(name)}"><strong>${escapeHtml(name)}</strong> <small>${subscription.status}</small>${ends}
<form method="post" action="/billing_portal/${session.id}"><input type="hidden" name="subscription" value="${subscription.id}">
<label for="quantity_${subscription.id}">Quantity</label>
<input id="quantity_${subscription.id}" name="quantity" type="number" min="1" value="${item?.quantity ?? 1}">
<button type="submit" name="action" value="update_quantity">Update quantity</button>${cancel}</form></section>`;
    })
    .join('');
  const back = session.return_url ? `<p><a href="${escapeHtml(session.return_url)}">Return</a></p>` : '';
  return page(
    'Billing portal',
    `<h1>Billing for ${escapeHtml(customer?.email ?? customer?.name ?? session.customer)}</h1>${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
${sections || '<p>No active subscriptions.</p>'}${back}`,
    error ? 400 : 200,
  );
}

function portal(state: StripeFakeState, method: string, id: string, form: URLSearchParams) {
  const session = state.portalSessions.get(id);
  if (!session) return page('Portal unavailable', '<h1>This portal session does not exist.</h1>', 404);
  if (method === 'GET') return portalPage(state, session);
  const subscription = form.get('subscription') ?? '';
  try {
    const action = form.get('action');
    if (action === 'update_quantity')
      changeQuantityInPortal(state, session, subscription, Number(form.get('quantity')));
    else if (action === 'cancel') cancelInPortal(state, session, subscription);
    else if (action === 'renew') renewInPortal(state, session, subscription);
  } catch (error) {
    if (error instanceof StripeRequestError) return portalPage(state, session, error.body.message);
    throw error;
  }
  return redirect(`/billing_portal/${session.id}`);
}

function setupAuthentication(state: StripeFakeState, method: string, id: string, form: URLSearchParams) {
  const intent = state.setupIntents.get(id);
  if (intent?.status !== 'requires_action')
    return page('Nothing to authenticate', '<h1>This SetupIntent needs no authentication.</h1>', 404);
  if (method === 'GET') return authenticationPage(`/authenticate/${id}`, new URLSearchParams());
  const returnUrl = intent.next_action?.redirect_to_url?.return_url ?? null;
  const succeeded = form.get('action') === 'complete';
  if (succeeded) succeedSetupIntent(state, intent);
  else
    failSetupIntent(state, intent, {
      type: 'invalid_request_error',
      code: 'setup_intent_authentication_failure',
      message: authenticationFailure,
    });
  if (returnUrl) {
    const url = new URL(returnUrl);
    url.searchParams.set('setup_intent', intent.id);
    url.searchParams.set('redirect_status', succeeded ? 'succeeded' : 'failed');
    return redirect(url.toString());
  }
  return page('Authentication done', `<h1>Authentication ${succeeded ? 'complete' : 'failed'}</h1>`);
}

/**
 * The fake's stand-ins for Stripe's hosted pages: Checkout (`/checkout/:id`, with a 3D Secure step),
 * the customer portal (`/billing_portal/:id`) and a SetupIntent's authentication page
 * (`/authenticate/:id`). Plain HTML forms, so a browser, Playwright or `fetch` can drive them.
 */
export function hostedPage(
  state: StripeFakeState,
  method: string,
  path: string,
  form: URLSearchParams,
): Response | undefined {
  const checkoutMatch = /^\/checkout\/([^/]+)(?:\/(authenticate))?$/.exec(path);
  if (checkoutMatch) return checkout(state, method, checkoutMatch[1] ?? '', checkoutMatch[2], form);
  const portalMatch = /^\/billing_portal\/([^/]+)$/.exec(path);
  if (portalMatch) return portal(state, method, portalMatch[1] ?? '', form);
  const authenticateMatch = /^\/authenticate\/([^/]+)$/.exec(path);
  if (authenticateMatch) return setupAuthentication(state, method, authenticateMatch[1] ?? '', form);
  return undefined;
}
