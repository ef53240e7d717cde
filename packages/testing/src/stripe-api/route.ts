import type { FormParams } from './form-body';
import type { StripeFakeState } from './stripe-fake-state';

/** What a route handler gets: the state, the request's parameters (query and body), the path's ids. */
export interface RouteContext {
  state: StripeFakeState;
  params: FormParams;
  ids: readonly string[];
}

/** One API endpoint of the fake: `POST /v1/customers/:id` and the function that answers it. */
export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  path: RegExp;
  handle: (context: RouteContext) => object;
}
