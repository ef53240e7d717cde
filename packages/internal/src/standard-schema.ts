/**
 * The Standard Schema interface (https://standardschema.dev), declared structurally so that a user's
 * zod, valibot or arktype schema fits without any of them being a dependency.
 */
export interface StandardSchema<Output = unknown> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>;
  };
}

/** What a Standard Schema's `validate` returns. */
export type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | {
      readonly issues: readonly {
        readonly message: string;
        readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[];
      }[];
    };

/**
 * Validates synchronously (hot paths such as guards cannot wait). `null` when the value does not
 * match; throws when the schema is asynchronous, which is the caller's configuration fault.
 */
export function validateSync<Output>(
  schema: StandardSchema<Output>,
  value: unknown,
): { value: Output } | { issues: string[] } {
  const result = schema['~standard'].validate(value);
  if (result instanceof Promise)
    throw new TypeError('the schema validates asynchronously; use a synchronous schema.');
  return result.issues ? { issues: result.issues.map((issue) => issue.message) } : { value: result.value };
}
