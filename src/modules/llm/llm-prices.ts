import { readFileSync } from 'node:fs';
import BUNDLED from './llm-prices.json';

/** US dollars per million input and output tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * The price table: the bundled prices, with those of the file named by
 * `TRADINGGROUP_LLM_PRICES` (same shape) over them. A bad file is an error naming it.
 */
export function loadPrices(env: NodeJS.ProcessEnv = process.env): PriceTable {
  const table: Record<string, ModelPrice> = readTable(BUNDLED, 'the bundled price table');
  const file = env.TRADINGGROUP_LLM_PRICES;
  if (file) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`TRADINGGROUP_LLM_PRICES: cannot read ${file} (${(e as Error).message})`);
    }
    Object.assign(table, readTable(raw, file));
  }
  return table;
}

/** The cost of a call in US dollars (0 for a model without a price). */
export function costOf(price: ModelPrice | undefined, promptTokens: number, completionTokens: number): number {
  if (!price) return 0;
  return (promptTokens * price.input + completionTokens * price.output) / 1e6;
}

function readTable(raw: unknown, source: string): Record<string, ModelPrice> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${source}: a JSON object of model → {input, output} expected`);
  const out: Record<string, ModelPrice> = {};
  for (const [model, value] of Object.entries(raw)) {
    if (model.startsWith('_')) continue;
    const p = value as Partial<ModelPrice>;
    if (!(typeof p?.input === 'number' && p.input >= 0 && typeof p.output === 'number' && p.output >= 0)) {
      throw new Error(`${source}: ${model}: {"input": dollars per million input tokens, "output": dollars per million output tokens} expected`);
    }
    out[model] = { input: p.input, output: p.output };
  }
  return out;
}
