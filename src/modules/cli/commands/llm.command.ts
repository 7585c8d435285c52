import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { InputError } from '../../backtests/input.error';
import { CLI_COMMANDS, commandMeta } from '../command.catalogue';
import { checkEndpoint } from '../../llm/llm-check';
import { LlmExchangeTransfer } from '../../llm/llm-exchange.transfer';
import { llmApiKey, llmOptionsFrom } from '../../llm/llm-options';
import { printJson } from '../output/print';
import { ruleFollowingAnswer } from '../../llm/testing/rule-following.script';
import { startScriptedChatServer } from '../../llm/testing/scripted-chat.server';
import { renderPairs } from '../output/table';
import { parseNumber } from './run-options';

interface CheckOptions {
  llmBaseUrl?: string;
  llmModel?: string;
  llmTimeout?: number;
  json?: boolean;
}

@SubCommand({ name: 'check', description: 'send one structured request to the model endpoint: latency, JSON-schema support, token usage' })
export class LlmCheckCommand extends CommandRunner {
  @Option({ flags: '--llm-base-url <url>', description: 'OpenAI-compatible endpoint (default: TRADINGGROUP_LLM_BASE_URL)' })
  parseBaseUrl(v: string): string {
    return v;
  }

  @Option({ flags: '--llm-model <name>', description: 'the model (default: TRADINGGROUP_LLM_MODEL)' })
  parseModel(v: string): string {
    return v;
  }

  @Option({ flags: '--llm-timeout <seconds>', description: 'of the request (default 60)' })
  parseTimeout(v: string): number {
    return parseNumber('--llm-timeout', v);
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }

  async run(_p: string[], o: CheckOptions): Promise<void> {
    const options = llmOptionsFrom({ ...(o.llmBaseUrl && { baseUrl: o.llmBaseUrl }), ...(o.llmModel && { model: o.llmModel }) });
    if (!options?.baseUrl) throw new InputError('--llm-base-url: required (or set TRADINGGROUP_LLM_BASE_URL)', '--llm-base-url');
    if (!options.model) throw new InputError('--llm-model: required (or set TRADINGGROUP_LLM_MODEL)', '--llm-model');
    const result = await checkEndpoint(options.baseUrl, options.model, llmApiKey(), Math.round((o.llmTimeout ?? 60) * 1000));
    if (o.json) printJson(result);
    else {
      const yesNo = (b: boolean | null) => (b === null ? 'n/a' : b ? 'yes' : 'no');
      process.stdout.write(
        `${renderPairs([
          ['Endpoint', result.baseUrl],
          ['Model', result.model],
          ['Answered', yesNo(result.ok)],
          ['Latency', `${Math.round(result.latencyMs)} ms`],
          ['Follows the JSON schema', yesNo(result.followsSchema)],
          ['Prompt tokens', result.promptTokens === null ? 'not reported' : String(result.promptTokens)],
          ['Answer tokens', result.completionTokens === null ? 'not reported' : String(result.completionTokens)],
          ...(result.answer !== null ? [['Answer', result.answer.slice(0, 120)] as [string, string]] : []),
          ...(result.error !== null ? [['Error', result.error] as [string, string]] : []),
        ])}\n`,
      );
    }
    if (!result.ok || !result.followsSchema) process.exitCode = 1;
  }
}

@SubCommand({ name: 'export', arguments: '<run-id>', description: "write an llm run's record and exchanges as JSON Lines (to replay it elsewhere)" })
export class LlmExportCommand extends CommandRunner {
  constructor(private readonly transfer: LlmExchangeTransfer) {
    super();
  }

  @Option({ flags: '--out <file>', description: 'the JSONL file to write', required: true })
  parseOut(v: string): string {
    return v;
  }

  async run([runId]: string[], o: { out: string }): Promise<void> {
    const { exchanges } = await this.transfer.exportRun(runId, o.out);
    process.stdout.write(`${exchanges} exchanges of run ${runId} written to ${o.out}\n`);
  }
}

@SubCommand({ name: 'import', arguments: '<file>', description: 'store a run and its exchanges from an export ("replay <run-id>" then runs offline)' })
export class LlmImportCommand extends CommandRunner {
  constructor(private readonly transfer: LlmExchangeTransfer) {
    super();
  }

  async run([file]: string[]): Promise<void> {
    const r = await this.transfer.importFile(file);
    process.stdout.write(`${r.exchanges} exchanges of run ${r.runId} imported${r.runCreated ? '' : ' (the run was already here)'}; try "tradinggroup replay ${r.runId}"\n`);
  }
}

@SubCommand({
  name: 'stand-in',
  description: 'serve a scripted stand-in for a model (OpenAI chat-completions protocol, answers by fixed rules, no model): try the llm mode offline',
})
export class LlmStandInCommand extends CommandRunner {
  @Option({ flags: '--port <n>', description: 'port on 127.0.0.1 (default 8089; 0: any free port)' })
  parsePort(v: string): number {
    return parseNumber('--port', v);
  }

  @Option({ flags: '--latency <ms>', description: 'wait this long before each answer, like a real model (default 0)' })
  parseLatency(v: string): number {
    return parseNumber('--latency', v);
  }

  async run(_p: string[], o: { port?: number; latency?: number }): Promise<void> {
    const latency = o.latency ?? 0;
    const server = await startScriptedChatServer((r) => ({ ...ruleFollowingAnswer(r), delayMs: latency }), o.port ?? 8089);
    process.stdout.write(
      `stand-in model listening on ${server.baseUrl} (fixed rules, not a language model; Ctrl-C stops it)\n` +
        `export TRADINGGROUP_LLM_BASE_URL=${server.baseUrl} TRADINGGROUP_LLM_MODEL=stand-in\n`,
    );
    await new Promise<void>((resolve) => {
      const stop = () => void server.close().then(resolve);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  }
}

@Command({ ...commandMeta(CLI_COMMANDS.llm), subCommands: [LlmCheckCommand, LlmExportCommand, LlmImportCommand, LlmStandInCommand] })
export class LlmCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.outputHelp();
  }
}
