/**
 * Where the site is served: `DOCS_SITE` (`https://owner.github.io`) and `DOCS_BASE` (`/repo/`), which the
 * Pages workflow sets from `actions/configure-pages`. Locally the site is served at `/`.
 */
export const site = process.env.DOCS_SITE || undefined;

export const base = `/${(process.env.DOCS_BASE ?? '').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
