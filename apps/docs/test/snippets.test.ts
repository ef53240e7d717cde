import { describe, expect, it } from 'vitest';
import { snippetFiles } from '../scripts/check-snippets.ts';
import { codeBlocks, isChecked } from '../scripts/code-blocks.ts';

const markdown = `# Page

\`\`\`ts
// src/lib/access.ts
export const access = 1;
\`\`\`

- a list item:

  \`\`\`tsx
  // src/app/page.tsx: the page
  import { access } from '@/lib/access';
  \`\`\`

\`\`\`ts nocheck
signature(): string
\`\`\`

\`\`\`sh
pnpm add x
\`\`\`

\`\`\`ts
console.log(1);
\`\`\`
`;

describe('code blocks', () => {
  it('are found with their language, info string and line, indented or not', () => {
    const blocks = codeBlocks(markdown);
    expect(blocks.map((block) => [block.lang, block.meta, block.line])).toEqual([
      ['ts', '', 4],
      ['tsx', '', 11],
      ['ts', 'nocheck', 16],
      ['sh', '', 20],
      ['ts', '', 24],
    ]);
    expect(blocks.filter(isChecked)).toHaveLength(3);
  });

  it('become the files they name, with Next.js `@/` imports pointing at them', () => {
    const files = snippetFiles('packages/x/README.md', markdown);
    expect(files.map((file) => [file.file, file.line])).toEqual([
      ['packages_x_README/src/lib/access.ts', 4],
      ['packages_x_README/src/app/page.tsx', 11],
      ['packages_x_README/snippet-3.ts', 24],
    ]);
    expect(files[1]?.code).toContain("from '../lib/access'");
  });
});
