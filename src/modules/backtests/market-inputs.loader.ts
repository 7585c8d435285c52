import { createHash } from 'node:crypto';
import { MarketInputs, NO_MARKET_INPUTS } from '../../core/market/market-inputs';
import { MemoryCase } from '../../core/reflection/memory-case';
import { DataService } from '../data/data.service';
import { MemoryRepository } from '../persistence/memory.repository';

/**
 * A file a run read: the path as given, and the copy kept under its SHA-256 in the data directory
 * (`name` is the file's own name, `stored` the copy relative to the data directory). Manifests
 * written before files were kept have the path alone.
 */
export interface FileSource {
  path: string;
  name?: string;
  stored?: string;
}

/** Where a run's news, earnings, filing and memory came from (part of its manifest). */
export interface InputSources {
  news: ({ source: 'file' | 'dataset'; sha256: string; items: number } & Partial<FileSource>) | null;
  fundamentals: ({ source: 'file' | 'dataset'; sha256: string; records: number } & Partial<FileSource>) | null;
  filing: (FileSource & { sha256: string; passages: number }) | null;
  aliases: string[];
  /** A named memory read at the start: its name, the cases used (`<run>/<id>`) and their hash. */
  memory: { name: string; cases: string[]; sha256: string; rejected: number } | null;
}

/** What to read for a run; file paths win over imported datasets. */
export interface InputRequest {
  symbol: string;
  newsFile?: string;
  fundamentalsFile?: string;
  filingFile?: string;
  aliases?: string[];
  /** The named memory to read (reflection scope `named`). */
  memory?: string;
  /** On replay: the exact cases the run used (`<run>/<id>`); others in the memory are ignored. */
  memoryCases?: string[];
}

export interface LoadedInputs {
  inputs: MarketInputs;
  sources: InputSources;
  /** Plain statements about missing or rejected inputs, shown with the run. */
  notes: string[];
}

/**
 * Reads the news, earnings, filing and persistent memory a strategy with agents uses. Absent
 * inputs are not an error, but they are said: the notes go into the run and its report.
 */
export async function loadMarketInputs(data: DataService, memories: Pick<MemoryRepository, 'load'>, req: InputRequest): Promise<LoadedInputs> {
  const notes: string[] = [];
  const symbol = req.symbol;
  const sources: InputSources = { news: null, fundamentals: null, filing: null, aliases: req.aliases ?? [], memory: null };
  let news: MarketInputs['news'] = [];
  if (req.newsFile) {
    const loaded = data.loadNewsFile(req.newsFile, { symbol });
    news = loaded.items;
    sources.news = { source: 'file', ...keptFile(data, req.newsFile, loaded.sha256), sha256: loaded.sha256, items: news.length };
  } else if (data.listNews().some((e) => e.symbol === symbol)) {
    const loaded = data.loadNews(symbol);
    news = loaded.items;
    sources.news = { source: 'dataset', sha256: loaded.sha256, items: news.length };
  } else {
    notes.push(`no news for ${symbol}: the news agent reports no_data on every bar`);
  }
  let earnings: MarketInputs['earnings'] = [];
  if (req.fundamentalsFile) {
    const loaded = data.loadEarningsFile(req.fundamentalsFile, { symbol });
    earnings = loaded.records;
    sources.fundamentals = { source: 'file', ...keptFile(data, req.fundamentalsFile, loaded.sha256), sha256: loaded.sha256, records: earnings.length };
  } else if (data.listFundamentals().some((e) => e.symbol === symbol)) {
    const loaded = data.loadEarnings(symbol);
    earnings = loaded.records;
    sources.fundamentals = { source: 'dataset', sha256: loaded.sha256, records: earnings.length };
  } else {
    notes.push(`no fundamentals for ${symbol}: the financial-report agent reports no_data on every bar`);
  }
  let filing: MarketInputs['filing'] = [];
  if (req.filingFile) {
    const sha256 = data.fileHash(req.filingFile);
    filing = data.loadFiling(req.filingFile).filter((p) => p.symbol === symbol);
    sources.filing = { ...keptFile(data, req.filingFile, sha256), sha256, passages: filing.length };
    if (filing.length === 0) notes.push(`the filing file has no passages for ${symbol}`);
  }
  let memory: MemoryCase[] = [];
  if (req.memory) {
    const loaded = await memories.load(req.memory, symbol);
    memory = oneCasePerDecision(loaded.cases);
    const repeats = loaded.cases.length - memory.length;
    if (repeats > 0) notes.push(`memory "${req.memory}": ${repeats} cases repeat a decision already in it (a window run again) and were left out`);
    if (req.memoryCases) {
      const wanted = new Set(req.memoryCases);
      memory = memory.filter((c) => wanted.has(`${c.sourceRun}/${c.id}`));
    }
    const keys = memory.map((c) => `${c.sourceRun}/${c.id}`);
    sources.memory = { name: req.memory, cases: keys, sha256: hashOf(memory.map((c) => c.checksum).join('\n')), rejected: loaded.rejected.length };
    if (loaded.rejected.length > 0) {
      notes.push(`memory "${req.memory}": ${loaded.rejected.length} stored cases failed their checksum and were not used (${loaded.rejected[0].reason})`);
    }
  }
  const inputs: MarketInputs = { ...NO_MARKET_INPUTS, news, earnings, filing, aliases: sources.aliases, memory };
  return { inputs, sources, notes };
}

/**
 * One case per decision (symbol and instant): running a window again adds the same days again,
 * which would count twice. The case known first (then the earliest run id) is kept.
 */
function oneCasePerDecision(cases: readonly MemoryCase[]): MemoryCase[] {
  const kept = new Map<string, MemoryCase>();
  for (const c of cases) {
    const key = `${c.symbol}|${c.decidedAt}`;
    const prev = kept.get(key);
    if (!prev || c.knownAt < prev.knownAt || (c.knownAt === prev.knownAt && c.sourceRun < prev.sourceRun)) kept.set(key, c);
  }
  return [...kept.values()].sort((a, b) => a.knownAt - b.knownAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The source of a file the run read, kept now (once per content) so the run can be replayed from anywhere. */
function keptFile(data: DataService, path: string, sha256: string): FileSource {
  const kept = data.keepInputFile(path, sha256);
  return { path, name: kept.name, stored: kept.stored };
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
