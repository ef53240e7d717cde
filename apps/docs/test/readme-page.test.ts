import { describe, expect, it } from 'vitest';
import { readmePage } from '../scripts/readme-page.ts';

const options = {
  readmePath: 'packages/ably-token/README.md',
  packageSlugs: new Set(['ably-token', 'rbac']),
  repositoryUrl: 'https://github.com/clerkship/clerkship',
  repoRoot: '/nonexistent',
};

const readme = `# @clerkship/ably-token

Ably JWTs for **Clerk** users, with [roles](../rbac).

## Install

See [rbac](../rbac/README.md#rules), [the app](../../apps/example/README.md), [Ably](https://ably.com) and [below](#errors).

\`\`\`ts nocheck
createAblyJwt(options): Promise<string>
\`\`\`

\`\`\`ts
const link = '[not a link](../rbac)';
\`\`\`
`;

describe('a README as a page', () => {
  const page = readmePage(readme, options);

  it('takes its title and description from the heading and the first paragraph', () => {
    expect(page).toMatch(
      /^---\ntitle: "@clerkship\/ably-token"\ndescription: "Ably JWTs for Clerk users, with roles."\n/,
    );
    expect(page).not.toContain('# @clerkship/ably-token');
    expect(page).toContain(
      'editUrl: "https://github.com/clerkship/clerkship/edit/main/packages/ably-token/README.md"',
    );
  });

  it('sends links to other packages to their pages and other files to GitHub', () => {
    expect(page).toContain('[roles](../rbac/)');
    expect(page).toContain('[rbac](../rbac/#rules)');
    expect(page).toContain(
      '[the app](https://github.com/clerkship/clerkship/blob/main/apps/example/README.md)',
    );
    expect(page).toContain('[Ably](https://ably.com)');
    expect(page).toContain('[below](#errors)');
  });

  it('keeps code as it is, without the nocheck mark', () => {
    expect(page).toContain('```ts\ncreateAblyJwt(options): Promise<string>\n```');
    expect(page).toContain("const link = '[not a link](../rbac)';");
  });
});
