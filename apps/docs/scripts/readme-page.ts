import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

export interface ReadmePageOptions {
  /** The README's path from the repository root: `packages/rbac/README.md`. */
  readmePath: string;
  /** Folder names of the packages that have a page (`/packages/<slug>/`). */
  packageSlugs: ReadonlySet<string>;
  /** `https://github.com/owner/repo`: links to other files of the repository go there. */
  repositoryUrl: string;
  /** The repository root on disk, to tell folders (`tree/`) from files (`blob/`). */
  repoRoot: string;
}

/** Plain text of a markdown paragraph: no code ticks, emphasis or link targets. */
function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Where a README link goes on the site. A link to another package (`../rbac`, `packages/rbac/README.md`)
 * goes to its page, relative to this one (`../rbac/`), so the site works under any base path; a link to
 * any other file of the repository goes to GitHub; absolute URLs and anchors stay as they are.
 */
function siteLink(target: string, options: ReadmePageOptions): string {
  if (/^([a-z]+:|#|\/\/)/i.test(target)) return target;
  const [file = '', hash = ''] = target.split(/(?=#)/);
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(options.readmePath), file));
  const packageLink = /^packages\/([^/]+)(\/README\.md)?\/?$/.exec(resolved);
  if (packageLink?.[1] && options.packageSlugs.has(packageLink[1])) return `../${packageLink[1]}/${hash}`;
  const onDisk = path.join(options.repoRoot, resolved);
  const kind = existsSync(onDisk) && statSync(onDisk).isDirectory() ? 'tree' : 'blob';
  return `${options.repositoryUrl}/${kind}/main/${resolved.replace(/^\.\/?/, '')}${hash}`;
}

/**
 * A package README as a Starlight page: its `# title` becomes the frontmatter title, its first paragraph
 * the description, links are rewritten for the site, and `nocheck` marks (which only tell the snippet
 * check to skip a fragment) are dropped from code fences. The text is otherwise the README's, unchanged.
 */
export function readmePage(readme: string, options: ReadmePageOptions): string {
  const lines = readme.replace(/\r\n/g, '\n').split('\n');
  const titleIndex = lines.findIndex((line) => /^# /.test(line));
  const title =
    titleIndex >= 0 ? (lines[titleIndex] ?? '').slice(2).trim() : path.dirname(options.readmePath);
  const body = titleIndex >= 0 ? lines.slice(titleIndex + 1) : lines;

  const firstParagraph: string[] = [];
  for (const line of body) {
    if (line.trim() === '' && firstParagraph.length > 0) break;
    if (line.trim() !== '' && !/^(#|```|\||>|[-*] )/.test(line)) firstParagraph.push(line);
    else if (line.trim() !== '') break;
  }

  let fence: string | undefined;
  const out = body.map((line) => {
    const fenceMatch = /^(\s*)(`{3,}|~{3,})(.*)$/.exec(line);
    if (fenceMatch) {
      const [, indent = '', marks = '', info = ''] = fenceMatch;
      if (fence === undefined) {
        fence = marks;
        return `${indent}${marks}${info.replace(/(^|\s)nocheck(?=\s|$)/, '').trimEnd()}`;
      }
      if (marks.startsWith(fence) && info.trim() === '') fence = undefined;
      return line;
    }
    if (fence !== undefined) return line;
    return line
      .replace(/\]\(([^)\s]+)\)/g, (_, target: string) => `](${siteLink(target, options)})`)
      .replace(
        /^(\[[^\]]+\]:\s*)(\S+)/,
        (_, label: string, target: string) => label + siteLink(target, options),
      );
  });

  const frontmatter = [
    '---',
    `title: ${JSON.stringify(title)}`,
    `description: ${JSON.stringify(plainText(firstParagraph.join(' ')))}`,
    `editUrl: ${JSON.stringify(`${options.repositoryUrl}/edit/main/${options.readmePath}`)}`,
    '---',
  ];
  return `${[...frontmatter, ...out].join('\n').trimEnd()}\n`;
}
