import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { CLI_COMMANDS, commandMeta } from '../command.catalogue';
import { CommandGroup } from './command-group';
import { scoreSentiment, SentimentScore } from '../../../core/agents/news/sentiment.scorer';
import { InputError } from '../../backtests/input.error';
import { assertText, readTextFile } from '../../data/text-file.reader';
import { fixed } from '../output/format';
import { printJson } from '../output/print';
import { renderTable } from '../output/table';

/** One scored input line, as printed by `news score --json`. */
export interface ScoredLine extends SentimentScore {
  /** 1-based line number in the input. */
  line: number;
  text: string;
}

const ENCODINGS = ['utf8', 'latin1'] as const;
type Encoding = (typeof ENCODINGS)[number];

/**
 * Scores every line of a text, in input order. Every line gets an entry, so entries and input
 * lines correspond one to one: an empty line scores as neutral (score 0, no hits). A final line
 * break does not start an extra line.
 */
export function scoreLines(content: string): ScoredLine[] {
  const lines = content.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 1 && lines[0] === '') return [];
  return lines.map((text, i) => ({ line: i + 1, text, ...scoreSentiment(text) }));
}

const EXPECTED = 'text, one item a line';

async function readInput(source: string, encoding: Encoding): Promise<string> {
  if (source !== '-') return readTextFile(source, EXPECTED).toString(encoding);
  const bytes = await readStandardInput();
  assertText(bytes, 'standard input', EXPECTED);
  return bytes.toString(encoding);
}

/**
 * All of standard input, read as a stream: a pipe may deliver it in many pieces and is not
 * readable at once, so a single synchronous read fails (EAGAIN) past the pipe's buffer.
 */
async function readStandardInput(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

@SubCommand({
  name: 'score',
  arguments: '<file>',
  description: 'score the finance sentiment of each line of a file ("-" reads standard input); empty lines score neutral so output lines match input lines',
})
export class NewsScoreCommand extends CommandRunner {
  @Option({ flags: '--json', description: 'print a JSON array of { line, text, score, label, hits } in input order' })
  parseJson(): boolean {
    return true;
  }

  @Option({ flags: '--encoding <encoding>', description: 'utf8 (default) | latin1 (e.g. the Financial PhraseBank files)' })
  parseEncoding(v: string): Encoding {
    if (!(ENCODINGS as readonly string[]).includes(v)) throw new InputError(`--encoding: expected one of ${ENCODINGS.join(', ')}, got "${v}"`, '--encoding');
    return v as Encoding;
  }

  async run([source]: string[], o: { json?: boolean; encoding?: Encoding }): Promise<void> {
    const scored = scoreLines(await readInput(source, o.encoding ?? 'utf8'));
    if (o.json) return printJson(scored.map(({ line, text, score, label, hits }) => ({ line, text, score, label, hits })));
    if (scored.length === 0) {
      process.stdout.write('no lines to score\n');
      return;
    }
    const rows = scored.map((s) => [String(s.line), fixed(s.score), s.label, truncate(s.text, 70)]);
    process.stdout.write(`${renderTable(['Line', 'Score', 'Label', 'Text'], rows, ['right', 'right', 'left', 'left'])}\n`);
    const count = (label: string) => scored.filter((s) => s.label === label).length;
    process.stdout.write(`${scored.length} lines: ${count('positive')} positive, ${count('neutral')} neutral, ${count('negative')} negative\n`);
  }
}

@Command({ ...commandMeta(CLI_COMMANDS.news), subCommands: [NewsScoreCommand] })
export class NewsCommand extends CommandGroup {}
