/** A parsed request parameter: a string leaf, or nested objects/arrays of them. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormParams = { [key: string]: FormValue };

/** `items[0][price]` → `['items', '0', 'price']`. */
function keyPath(key: string): string[] {
  const head = /^[^[]*/.exec(key)?.[0] ?? '';
  const rest = [...key.slice(head.length).matchAll(/\[([^\]]*)\]/g)].map((match) => match[1] ?? '');
  return [head, ...rest];
}

/** Objects whose keys are exactly 0..n-1 (`expand[0]`, `items[1]`) become arrays, as Stripe reads them. */
function arrays(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const converted = Object.fromEntries(keys.map((key) => [key, arrays(value[key] as FormValue)]));
  const isList = keys.length > 0 && keys.every((key, index) => key === String(index));
  return isList ? keys.map((key) => converted[key] as FormValue) : converted;
}

/**
 * Reads Stripe's form encoding (the `stripe` SDK's bracket notation: `metadata[org]=x`,
 * `items[0][quantity]=3`, `expand[0]=customer`, `expand[]=customer`) into nested values. An empty value
 * stays `''`, which Stripe reads as "unset" for optional fields.
 */
export function parseFormParams(search: URLSearchParams): FormParams {
  const root: { [key: string]: FormValue } = {};
  for (const [key, value] of search) {
    const path = keyPath(key);
    let node: { [key: string]: FormValue } = root;
    for (const [index, part] of path.entries()) {
      const last = index === path.length - 1;
      // `expand[]=a&expand[]=b`: an empty index appends.
      const name = part === '' ? String(Object.keys(node).length) : part;
      if (last) {
        node[name] = value;
      } else {
        const next = node[name];
        if (typeof next !== 'object' || Array.isArray(next)) node[name] = {};
        node = node[name] as { [key: string]: FormValue };
      }
    }
  }
  return arrays(root) as FormParams;
}
