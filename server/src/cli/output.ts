/**
 * What the CLI prints: plain lines, aligned tables, JSON for scripts, and colour only when a
 * person reads it (stdout is a terminal, NO_COLOR unset; FORCE_COLOR forces it, as most tools do).
 */
import { styleText } from 'node:util';

export type Tone = 'ok' | 'bad' | 'warn' | 'dim' | 'strong';

const STYLE: Record<Tone, Parameters<typeof styleText>[0]> = {
  ok: 'green',
  bad: 'red',
  warn: 'yellow',
  dim: 'gray',
  strong: 'bold',
};

export interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** https://no-color.org and the FORCE_COLOR convention (Node, chalk): FORCE_COLOR=0 turns colour off. */
export function colourWanted(env: Record<string, string | undefined>, stream: Stream): boolean {
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0';
  if (env.NO_COLOR) return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export class Output {
  constructor(
    private readonly out: Stream,
    private readonly err: Stream,
    readonly colour: boolean,
  ) {}

  paint(tone: Tone, text: string): string {
    return this.colour ? styleText(STYLE[tone], text, { validateStream: false }) : text;
  }

  line(text = ''): void {
    this.out.write(`${text}\n`);
  }

  /** Raw text, as is (an export file). */
  text(text: string): void {
    this.out.write(text);
  }

  json(value: unknown): void {
    this.out.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** A message for the person at the terminal (stderr, so stdout stays parseable). */
  note(text: string): void {
    this.err.write(`${text}\n`);
  }

  error(text: string, details: string[] = []): void {
    this.err.write(`${this.paint('bad', 'error:')} ${text}\n`);
    for (const detail of details) this.err.write(`  ${detail}\n`);
  }

  /** Rows as aligned columns; the last column is not padded. Cells may carry colour. */
  table(header: string[], rows: string[][]): void {
    const visible = (cell: string): number => stripAnsi(cell).length;
    const widths = header.map((h, i) => Math.max(visible(h), ...rows.map((r) => visible(r[i] ?? ''))));
    const format = (cells: string[]): string =>
      cells.map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat(widths[i]! - visible(cell)))).join('  ').trimEnd();
    this.line(this.paint('dim', format(header)));
    for (const row of rows) this.line(format(row));
  }
}

/** Text without ANSI colour codes (for width and for tests). */
export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
