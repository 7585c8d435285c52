import { DataSource } from './run-manifest';
import { FileSource, InputRequest, InputSources } from './market-inputs.loader';
import { DataChangedError } from './run-errors';

/** How a data source is named in messages. */
export function describeSource(source: DataSource): string {
  return source.kind === 'file' ? `file ${source.name ?? source.path}` : `dataset ${source.symbol}`;
}

/**
 * Where a replay reads a file the run read: its kept copy in the data directory (`keptPath`
 * resolves the recorded name), or, for a run recorded before files were kept, the path as given.
 */
export function replayPath(file: Partial<FileSource>, keptPath: (stored: string) => string): string | undefined {
  if (file.stored !== undefined) return keptPath(file.stored);
  return file.path;
}

/** What a replay reads: the same files (their kept copies), datasets and memory cases as the run did. */
export function replayInputRequest(sources: InputSources, keptPath: (stored: string) => string): Omit<InputRequest, 'symbol'> {
  return {
    newsFile: sources.news?.source === 'file' ? replayPath(sources.news, keptPath) : undefined,
    fundamentalsFile: sources.fundamentals?.source === 'file' ? replayPath(sources.fundamentals, keptPath) : undefined,
    filingFile: sources.filing ? replayPath(sources.filing, keptPath) : undefined,
    aliases: sources.aliases,
    memoryCases: sources.memory?.cases,
  };
}

/** Fails loudly when any input of a replay is not what the run read. */
export function assertSameInputs(id: string, recorded: InputSources, now: InputSources): void {
  const pairs: Array<[string, string | undefined, string | undefined]> = [
    ['news', recorded.news?.sha256, now.news?.sha256],
    ['fundamentals', recorded.fundamentals?.sha256, now.fundamentals?.sha256],
    ['filing', recorded.filing?.sha256, now.filing?.sha256],
    ['memory', recorded.memory?.sha256, now.memory?.sha256],
  ];
  for (const [what, before, after] of pairs) {
    if (before !== after) throw new DataChangedError(`data changed since run ${id}: ${what} had sha256 ${before ?? 'none'}, now ${after ?? 'none'}`);
  }
}
