/**
 * The shell blocks of a Markdown file, as the README test runs them. The convention: a
 * fenced block whose language is `sh` or `bash` is run; one directly preceded by
 * `<!-- readme-test: skip (<reason>) -->` is not, and keeps its reason to be listed.
 */
export interface ShellBlock {
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
  /** Why it is not run, when it is skipped. */
  skip?: string;
}

const FENCE = /^(`{3,}|~{3,})\s*([\w-]*)/;
const SKIP = /^<!--\s*readme-test:\s*skip\s*\((.+)\)\s*-->$/;

export function readShellBlocks(markdown: string): ShellBlock[] {
  const lines = markdown.split('\n');
  const blocks: ShellBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] ?? '');
    if (!open) continue;
    const [, fence = '```', language = ''] = open;
    const end = lines.findIndex((l, j) => j > i && l.trim().startsWith(fence));
    const close = end < 0 ? lines.length : end;
    if (language === 'sh' || language === 'bash') {
      const skip = SKIP.exec(previousNonBlank(lines, i) ?? '')?.[1];
      blocks.push({
        line: i + 1,
        code: lines.slice(i + 1, close).join('\n'),
        ...(skip ? { skip } : {}),
      });
    }
    i = close;
  }
  return blocks;
}

/** The line just above the fence: "directly preceded" allows one blank line between. */
function previousNonBlank(lines: string[], index: number): string | undefined {
  for (let j = index - 1; j >= 0 && j >= index - 2; j--) {
    const line = lines[j]?.trim();
    if (line) return line;
  }
  return undefined;
}
