import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { Module } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { CLI_COMMANDS, commandMeta } from '../command.catalogue';
import { CommandGroup } from './command-group';
import { bareJsonl, DEFAULT_SFT_AGENTS, SYNTH_AGENTS, SynthAgent, SynthesisOptions, SynthesisSummary } from '../../../core/synthesis';
import { InputError } from '../../backtests/input.error';
import { writeFileAtomically } from '../../data/atomic-files.writer';
import { SynthesisModule } from '../../synthesis/synthesis.module';
import { SynthesisService } from '../../synthesis/synthesis.service';
import { printJson } from '../output/print';

interface ExportOptions {
  format?: string;
  agents?: string;
  minWHit?: string;
  maxRegret?: string;
  rejected?: string;
  out?: string;
  bare?: boolean;
  json?: boolean;
}

@SubCommand({
  name: 'export',
  arguments: '<run-ids...>',
  description: 'export stored runs as post-training data (JSONL): SFT chat records or decision preference pairs (docs/synthesis.md)',
})
export class SynthExportCommand extends CommandRunner {
  constructor(private readonly synthesis: SynthesisService) {
    super();
  }

  @Option({ flags: '--format <format>', description: 'sft (default): system/user/assistant records | preference: chosen/rejected decision pairs' })
  parseFormat(v: string): string {
    return v;
  }

  @Option({ flags: '--agents <list>', description: `sft: comma-separated agents (${SYNTH_AGENTS.join(', ')}; default ${DEFAULT_SFT_AGENTS.join(',')})` })
  parseAgents(v: string): string {
    return v;
  }

  @Option({ flags: '--min-w-hit <x>', description: 'sft: forecast records need w_hit >= x (default 0.5)' })
  parseMinWHit(v: string): string {
    return v;
  }

  @Option({ flags: '--max-regret <x>', description: 'sft: accept decision records with regret <= x (default: only the best action)' })
  parseMaxRegret(v: string): string {
    return v;
  }

  @Option({
    flags: '--rejected <policy>',
    description: "preference, analytic runs: worst (default): the lowest-reward action | taken: the action taken when worse than the best (an llm run's pairs always hold the model's own answer)",
  })
  parseRejected(v: string): string {
    return v;
  }

  @Option({ flags: '--out <file>', description: 'write the JSONL here, atomically (default "-": standard output)' })
  parseOut(v: string): string {
    return v;
  }

  @Option({
    flags: '--bare',
    description: 'only what a trainer reads: sft {"messages"} (OpenAI fine-tuning), preference {"prompt","chosen","rejected"} (TRL DPO); the rest goes to <out>.meta.jsonl, line for line',
  })
  parseBare(): boolean {
    return true;
  }

  @Option({ flags: '--json', description: 'print the summary as JSON on stdout (needs --out <file>)' })
  parseJson(): boolean {
    return true;
  }

  async run(ids: string[], o: ExportOptions): Promise<void> {
    const options = exportOptions(o);
    const toStdout = o.out === undefined || o.out === '-';
    if (o.json && toStdout) throw new InputError('--json needs --out <file>: standard output carries the records', '--json');
    if (o.bare && toStdout) throw new InputError('--bare needs --out <file>: the metadata goes to a file beside it', '--bare');
    const exported = await this.synthesis.export(ids, options);
    const { summary } = exported;
    const bare = o.bare ? bareJsonl(exported.records) : null;
    const jsonl = bare ? bare.records : exported.jsonl;
    const target = toStdout ? 'standard output' : resolve(o.out!);
    if (toStdout) process.stdout.write(jsonl);
    else writeFileAtomically(target, jsonl);
    if (bare) writeFileAtomically(sidecarPath(target), bare.sidecar);
    const sha256 = createHash('sha256').update(jsonl).digest('hex');
    process.stderr.write(summaryText(summary, target));
    if (o.json) printJson({ ...summary, out: target, bytes: Buffer.byteLength(jsonl), sha256 });
  }
}

@Command({ ...commandMeta(CLI_COMMANDS.synth), subCommands: [SynthExportCommand] })
export class SynthCommand extends CommandGroup {}

/** The `synth` commands with the service they use; imported by the CLI module. */
@Module({ imports: [SynthesisModule], providers: [SynthCommand, SynthExportCommand] })
export class SynthCommandsModule {}

/** Where `--bare` puts the records' metadata: `data.jsonl` → `data.meta.jsonl`. */
export function sidecarPath(out: string): string {
  return out.endsWith('.jsonl') ? `${out.slice(0, -'.jsonl'.length)}.meta.jsonl` : `${out}.meta.jsonl`;
}

/** Validated options of `synth export`; every problem is one InputError line. */
export function exportOptions(o: ExportOptions): SynthesisOptions {
  const format = o.format ?? 'sft';
  if (format !== 'sft' && format !== 'preference') throw new InputError(`--format: expected sft or preference, got "${format}"`, '--format');
  if (format === 'preference' && o.agents !== undefined)
    throw new InputError('--agents applies to --format sft only (preference records are decisions)', '--agents');
  if (format === 'sft' && o.rejected !== undefined) throw new InputError('--rejected applies to --format preference only', '--rejected');
  const agents = o.agents === undefined ? DEFAULT_SFT_AGENTS : parseAgents(o.agents);
  const rejected = o.rejected ?? 'worst';
  if (rejected !== 'worst' && rejected !== 'taken') throw new InputError(`--rejected: expected worst or taken, got "${rejected}"`, '--rejected');
  return {
    format,
    agents,
    minWHit: o.minWHit === undefined ? 0.5 : number(o.minWHit, '--min-w-hit', -1, 1),
    maxRegret: o.maxRegret === undefined ? null : number(o.maxRegret, '--max-regret', 0, Infinity),
    rejected,
  };
}

function parseAgents(list: string): SynthAgent[] {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(SYNTH_AGENTS as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) throw new InputError(`--agents: expected names among ${SYNTH_AGENTS.join(', ')}, got "${list}"`, '--agents');
  return [...new Set(names)] as SynthAgent[];
}

function number(text: string, flag: string, min: number, max: number): number {
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x) || x < min || x > max)
    throw new InputError(`${flag}: expected a number in [${min}, ${max}], got "${text}"`, flag);
  return x;
}

/** The human summary on stderr: records per agent and what was left out, and why. */
export function summaryText(s: SynthesisSummary, target: string): string {
  const runs = `${s.runs.length} run${s.runs.length === 1 ? '' : 's'}`;
  const per = (Object.entries(s.written) as Array<[string, number]>).map(([a, n]) => `${a} ${n}`).join(', ');
  const lines = [`wrote ${s.records} ${s.format} records from ${runs} to ${target}${per ? `: ${per}` : ''}`];
  for (const [agent, reasons] of Object.entries(s.filtered)) {
    const detail = Object.entries(reasons ?? {})
      .map(([r, n]) => `${r} ${n}`)
      .join(', ');
    lines.push(`left out ${agent}: ${detail}`);
  }
  if (s.rejectedCases > 0) lines.push(`${s.rejectedCases} memory cases failed their checksum: their bars count as unlabelled`);
  return `${lines.join('\n')}\n`;
}
