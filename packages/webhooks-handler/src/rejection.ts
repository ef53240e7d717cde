/** Why a delivery was not accepted; the `error` field of the JSON body. */
export type RejectionCode =
  | 'method_not_allowed'
  | 'missing_header'
  | 'invalid_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'invalid_signature'
  | 'body_too_large'
  | 'invalid_event'
  | 'unhandled_event'
  | 'in_progress'
  | 'callback_failed'
  | 'missing_secret';

const statusOf: Record<RejectionCode, number> = {
  method_not_allowed: 405,
  missing_header: 400,
  invalid_timestamp: 400,
  timestamp_too_old: 400,
  timestamp_too_new: 400,
  invalid_signature: 400,
  body_too_large: 413,
  invalid_event: 422,
  unhandled_event: 404,
  in_progress: 409,
  callback_failed: 500,
  missing_secret: 500,
};

/** A refusal before any callback ran. */
export interface Rejection {
  code: RejectionCode;
  message: string;
}

/** The short JSON answer a sender (and the person reading its delivery log) can act on. */
export function rejectionResponse({ code, message }: Rejection): Response {
  const headers: Record<string, string> = {};
  if (code === 'method_not_allowed') headers.allow = 'POST';
  if (code === 'in_progress') headers['retry-after'] = '5';
  return Response.json({ error: code, message }, { status: statusOf[code], headers });
}

export function isRejection(value: unknown): value is Rejection {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}
