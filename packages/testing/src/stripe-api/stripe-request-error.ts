/** The `error` object of a Stripe API error response. */
export interface StripeErrorBody {
  type: 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
  request_log_url?: string;
  [field: string]: unknown;
}

/**
 * A refusal inside the fake's request handling. It never leaves `handle()`: it becomes the HTTP error
 * response Stripe would send (`{ error: { type, code, message, param } }` with Stripe's status), which the
 * `stripe` SDK turns into its own `StripeInvalidRequestError`, `StripeCardError`, … classes.
 */
export class StripeRequestError extends Error {
  override readonly name = 'StripeRequestError';

  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
  }
}

/** Why a charge or a card setup did not go through. */
export interface ChargeError {
  type: StripeErrorBody['type'];
  code: string;
  message: string;
  decline_code?: string;
}

/** 400 `invalid_request_error`, e.g. a parameter Stripe would refuse. */
export function invalidRequest(
  message: string,
  param?: string,
  code = 'parameter_invalid',
): StripeRequestError {
  return new StripeRequestError(400, {
    type: 'invalid_request_error',
    code,
    message,
    ...(param ? { param } : {}),
    doc_url: `https://stripe.com/docs/error-codes/${code.replaceAll('_', '-')}`,
  });
}

/** `No such customer: 'cus_x'`: 404 for the path's own object, 400 for an id given as a parameter. */
export function resourceMissing(kind: string, id: string, param?: string): StripeRequestError {
  return new StripeRequestError(param ? 400 : 404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such ${kind}: '${id}'`,
    param: param ?? 'id',
    doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
  });
}

/** 402 `card_error`, as Stripe answers a declined card. */
export function cardError(
  code: string,
  message: string,
  details: { declineCode?: string; param?: string; [field: string]: unknown } = {},
): StripeRequestError {
  const { declineCode, ...rest } = details;
  return new StripeRequestError(402, {
    type: 'card_error',
    code,
    message,
    ...(declineCode ? { decline_code: declineCode } : {}),
    doc_url: `https://stripe.com/docs/error-codes/${code.replaceAll('_', '-')}`,
    ...rest,
  });
}
