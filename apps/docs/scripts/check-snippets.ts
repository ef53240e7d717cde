/**
 * Type-checks every TypeScript and JavaScript code block of the site against the built packages: the
 * package READMEs (which are the package pages) and the pages in `src/content/docs`. A block that should
 * not compile on its own (a signature listing, a fragment that uses names from the text around it) says
 * so in its fence: ```ts nocheck.
 *
 * The blocks of one markdown file form one small project, so a block whose first line names a file
 * (`// lib/access.ts`) can be imported by the others (`import { access } from './access'`, or
 * `@/lib/access` as in a Next.js app). Each file is a module. Errors are reported at the markdown line.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type CodeBlock, checkedLanguages, codeBlocks, isChecked } from './code-blocks.ts';
import { publicPackages, repoRoot } from './packages.ts';

const appDir = path.resolve(import.meta.dirname, '..');
const outDir = path.join(appDir, '.snippets');
const contentDir = path.join(appDir, 'src/content/docs');
// Generated from other sources, which are checked themselves.
const generatedDirs = new Set(['packages', 'api']);

export interface SnippetFile {
  /** Path inside `.snippets/`. */
  file: string;
  /** The markdown file, from the repository root, and the line the block's code starts on. */
  source: string;
  line: number;
  code: string;
}

/** The markdown files whose code blocks are checked, from the repository root. */
export function markdownSources(): string[] {
  const readmes = publicPackages().map((pkg) => path.relative(repoRoot, path.join(pkg.dir, 'README.md')));
  const pages = readdirSync(contentDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.mdx?$/.test(entry.name))
    .map((entry) => path.relative(contentDir, path.join(entry.parentPath, entry.name)))
    .filter((file) => !generatedDirs.has(file.split(path.sep)[0] ?? ''))
    .map((file) => path.relative(repoRoot, path.join(contentDir, file)));
  return [...readmes, ...pages.sort()];
}

/** `// app/api/ably/route.ts` (optionally followed by `: …` or more comment) on a block's first line. */
function namedFile(block: CodeBlock): string | undefined {
  const first = block.code.split('\n', 1)[0] ?? '';
  return /^\/\/\s+((?:[\w.@[\]()-]+\/)*[\w.@[\]()-]+\.(?:tsx?|jsx?|mts))(?=[\s:]|$)/.exec(first)?.[1];
}

const extensions: Record<string, string> = {
  ts: 'ts',
  typescript: 'ts',
  tsx: 'tsx',
  js: 'js',
  javascript: 'js',
  jsx: 'jsx',
};

/** The snippet files of one markdown file, in a folder of their own. */
export function snippetFiles(source: string, markdown: string): SnippetFile[] {
  const project = source.replace(/\.mdx?$/, '').replace(/[^\w-]+/g, '_');
  // A `nocheck` block that names a file is still written (as `// @ts-nocheck`), so the blocks that import
  // it compile; other `nocheck` blocks are left out.
  const blocks = codeBlocks(markdown).filter(
    (block) => checkedLanguages.has(block.lang) && (isChecked(block) || namedFile(block) !== undefined),
  );
  const taken = new Set<string>();
  const named = blocks.map((block, index) => {
    const extension = extensions[block.lang] ?? 'ts';
    let name = namedFile(block) ?? `snippet-${index + 1}.${extension}`;
    for (let copy = 2; taken.has(name); copy++) name = name.replace(/(\.\w+)$/, `.${copy}$1`);
    taken.add(name);
    return { block, name };
  });
  const usesSrc = named.some(({ name }) => name.startsWith('src/'));
  return named.map(({ block, name }) => {
    // `@/x` is Next.js's alias for the app's root (or `src/`): point it at this project's files.
    const code = block.code.replace(
      /(from\s+|import\s*\(\s*)(['"])@\/([^'"]+)\2/g,
      (_, lead: string, quote: string, target: string) => {
        const relative = path.posix.relative(path.posix.dirname(name), (usesSrc ? 'src/' : '') + target);
        return `${lead}${quote}${relative.startsWith('.') ? relative : `./${relative}`}${quote}`;
      },
    );
    const file = path.posix.join(project, name);
    if (isChecked(block)) return { file, source, line: block.line, code };
    return { file, source, line: block.line - 1, code: `// @ts-nocheck\n${code}` };
  });
}

const tsconfig = {
  compilerOptions: {
    target: 'ES2023',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    module: 'Preserve',
    moduleResolution: 'Bundler',
    moduleDetection: 'force',
    jsx: 'react-jsx',
    strict: true,
    allowJs: true,
    checkJs: true,
    esModuleInterop: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  },
  include: ['**/*'],
};

/** Writes the snippets into `.snippets/`, runs `tsc` over them, and returns the errors at their markdown lines. */
export function checkSnippets(): { files: SnippetFile[]; errors: string[] } {
  rmSync(outDir, { recursive: true, force: true });
  const files = markdownSources().flatMap((source) =>
    snippetFiles(source, readFileSync(path.join(repoRoot, source), 'utf8')),
  );
  for (const snippet of files) {
    const file = path.join(outDir, snippet.file);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${snippet.code}\n`);
  }
  writeFileSync(path.join(outDir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  const bySnippet = new Map(files.map((snippet) => [snippet.file, snippet]));
  let output = '';
  try {
    execFileSync(path.join(appDir, 'node_modules/.bin/tsc'), ['-p', '.', '--pretty', 'false'], {
      cwd: outDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? error);
  }
  const errors: string[] = [];
  for (const line of output.split('\n')) {
    const match = /^(.+?)\((\d+),(\d+)\): (error TS\d+: .*)$/.exec(line);
    if (!match) {
      if (line.trim() && errors.length > 0) errors[errors.length - 1] += `\n  ${line.trim()}`;
      continue;
    }
    const [, file = '', row = '0', column = '0', message = ''] = match;
    const snippet = bySnippet.get(
      path.relative(outDir, path.resolve(outDir, file)).split(path.sep).join('/'),
    );
    errors.push(
      snippet
        ? `${snippet.source}:${snippet.line + Number(row) - 1}:${column} ${message}`
        : `${path.relative(repoRoot, path.resolve(outDir, file))}:${row}:${column} ${message}`,
    );
  }
  return { files, errors };
}

if (import.meta.main) {
  const { files, errors } = checkSnippets();
  if (errors.length > 0) {
    console.error(errors.join('\n'));
    console.error(
      `\ndocs: ${errors.length} type error(s) in the code blocks above (${files.length} blocks checked). Fix the snippet, or mark a fragment that cannot compile alone with \`\`\`ts nocheck.`,
    );
    process.exit(1);
  }
  console.info(`docs: ${files.length} code blocks type-check against the built packages`);
}
