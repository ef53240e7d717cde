import { z } from 'zod';

/**
 * Parameters that carry a token. None belongs in the callback of a code flow with `response_mode=query`:
 * seeing one means the flow was started with another `response_type` (implicit or hybrid), the attack's
 * first step, or a provider that leaks tokens into URLs.
 */
export const tokenParameters = ['access_token', 'id_token', 'token', 'refresh_token'] as const;

// RFC 6749 Appendix A: code, state and the error fields are VSCHARs (printable ASCII).
const visibleAscii = /^[\x20-\x7e]+$/;

/** One value at most: a repeated parameter is refused, not resolved (HTTP parameter pollution). */
function single(maxLength: number) {
  return z
    .array(
      z
        .string()
        .min(1, 'is empty')
        .max(maxLength, 'is too long')
        .regex(visibleAscii, 'is not printable ASCII'),
    )
    .max(1, 'appears more than once')
    .transform((values) => values[0]);
}

const callbackParametersSchema = z.object({
  code: single(4096),
  state: single(2048),
  iss: single(2048),
  error: single(256),
  error_description: single(2048),
  response: z
    .array(z.string())
    .max(0, 'is a JWT-secured response (JARM), which this callback does not accept'),
});

/** The parameters of an authorization response (RFC 6749 §4.1.2, RFC 9207), each present at most once. */
export type CallbackParameters = z.output<typeof callbackParametersSchema>;

/** Reads the authorization response from a query string. */
export function parseCallbackParameters(query: URLSearchParams): z.ZodSafeParseResult<CallbackParameters> {
  const names = Object.keys(callbackParametersSchema.shape) as (keyof CallbackParameters)[];
  return callbackParametersSchema.safeParse(
    Object.fromEntries(names.map((name) => [name, query.getAll(name)])),
  );
}
