/** A fenced code block of a markdown file. */
export interface CodeBlock {
  /** The language of the fence: `ts`, `tsx`, `sh`, or `''`. */
  lang: string;
  /** The rest of the info string: `nocheck`, `title="…"`. */
  meta: string;
  code: string;
  /** 1-based line of the block's first line of code in the markdown file. */
  line: number;
}

/** The languages whose blocks are type-checked, unless their info string says `nocheck`. */
export const checkedLanguages = new Set(['ts', 'tsx', 'typescript', 'js', 'jsx', 'javascript']);

/** Every fenced code block (``` or ~~~, indented or not) in a markdown text, in order. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)\s*(.*)$/.exec(lines[index] ?? '');
    if (!open) continue;
    const [, indent = '', fence = '', lang = '', meta = ''] = open;
    const body: string[] = [];
    let end = index + 1;
    for (; end < lines.length; end++) {
      const line = lines[end] ?? '';
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') break;
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart());
    }
    blocks.push({ lang: lang.toLowerCase(), meta: meta.trim(), code: body.join('\n'), line: index + 2 });
    index = end;
  }
  return blocks;
}

/** Whether a block is one the snippet check compiles. */
export function isChecked(block: CodeBlock): boolean {
  return checkedLanguages.has(block.lang) && !/(^|\s)nocheck(\s|$)/.test(block.meta);
}
