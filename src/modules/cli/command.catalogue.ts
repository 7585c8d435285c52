import { DEMO_FROM, DEMO_SYMBOLS, DEMO_TO } from './demo-window';

/** A top-level command as the root help lists it. */
export interface CatalogueEntry {
  name: string;
  /** Positional arguments, e.g. `<run-id>`. */
  arguments?: string;
  description: string;
  /** A group of subcommands, with no options of its own. */
  group?: boolean;
}

/**
 * The top-level commands, in the order the root help lists them. The command classes take their
 * name and description from here, and `--help` renders the root help from this list without
 * starting the application (an end-to-end test compares it with the help of the started CLI).
 */
export const CLI_COMMANDS = {
  backtest: { name: 'backtest', description: 'run one strategy on one symbol, store the run and write its artifacts' },
  ablate: { name: 'ablate', description: 'run the four module configurations of the paper and compare them with the all-off base' },
  compare: { name: 'compare', description: 'run several strategies on several symbols and print one comparison table' },
  demo: { name: 'demo', description: `set up the sample data and compare every strategy on ${DEMO_SYMBOLS.join(' and ')}, ${DEMO_FROM}..${DEMO_TO}` },
  replay: { name: 'replay', arguments: '<run-id>', description: 're-run a stored run from its manifest and check the result hash is identical' },
  sweep: {
    name: 'sweep',
    arguments: '[show|list|keep|cancel] [id] [index...]',
    description: 'a strategy over a parameter grid × symbols on every core, ranked by any metric; show <id>: a stored sweep ranked by --sort; list; keep <id> <index...>: runs stored in full; cancel <id>',
  },
  evaluate: {
    name: 'evaluate',
    arguments: '[show|list|keep|cancel] [id] [index...]',
    description: 'strategies over symbols × rolling windows: distributions and bootstrap intervals against buy-and-hold; show <id> | list | keep <id> <index...> | cancel <id>',
  },
  runs: { name: 'runs', group: true, description: 'stored runs: list | show <id> | decisions <id> | cancel <id> | delete <id> | resume <id>' },
  serve: { name: 'serve', description: 'start the HTTP API (default 127.0.0.1:3000; PORT and HOST from the environment; OpenAPI at /docs) and run the paper sessions' },
  worker: { name: 'worker', description: 'execute the runs and measure the study jobs the API puts on the queue (scale mode: TRADINGGROUP_QUEUE=redis://…, TRADINGGROUP_DB=postgres://…)' },
  data: {
    name: 'data',
    group: true,
    description: 'market data: import <file> | import-news <file> | import-fundamentals <file> | list | setup | describe <symbol>',
  },
  news: { name: 'news', group: true, description: 'news sentiment tools: score <file|->' },
  memory: { name: 'memory', group: true, description: 'persistent memories of the reflective agents: list | show <name> | clear <name>' },
  llm: { name: 'llm', group: true, description: 'the llm mode: check | export <run-id> | import <file> | stand-in' },
  paper: { name: 'paper', group: true, description: 'paper-trading sessions: start | list | show <id> | pause <id> | resume <id> | stop <id> | report <id> | run <id>' },
  synth: { name: 'synth', group: true, description: 'post-training data from stored runs: export <run-id...>' },
} satisfies Record<string, CatalogueEntry>;

/** What a `@Command` decorator takes from the catalogue: the name, arguments and description. */
export function commandMeta(entry: CatalogueEntry): { name: string; arguments?: string; description: string } {
  return entry.arguments === undefined ? { name: entry.name, description: entry.description } : { name: entry.name, arguments: entry.arguments, description: entry.description };
}
