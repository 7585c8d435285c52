/**
 * JSON Schema (draft 2020-12) documents of the two record formats, as data. docs/synthesis.md
 * shows the same documents (a test keeps them equal), and every exported record is checked
 * against them ({@link validateJsonSchema}).
 */

/** A JSON Schema document (the subset these schemas use). */
export type JsonSchema = Record<string, unknown>;

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';
const SHA256 = { type: 'string', pattern: '^[0-9a-f]{64}$' };
const SHA256_OR_NULL = { type: ['string', 'null'], pattern: '^[0-9a-f]{64}$' };
const ISO_DAY = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const ISO_INSTANT = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$' };
const ACTION = { enum: ['BUY', 'SELL', 'HOLD'] };
const FORECAST_CLASS = { enum: ['up', 'down', 'sideways'] };

function message(role: string): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['role', 'content'],
    properties: { role: { const: role }, content: { type: 'string', minLength: 1 } },
  };
}

function object(properties: Record<string, unknown>, required = Object.keys(properties)): JsonSchema {
  return { type: 'object', additionalProperties: false, required, properties };
}

/** Definitions both formats share. */
const DEFS: Record<string, JsonSchema> = {
  rewards: object({ BUY: { type: ['number', 'null'] }, SELL: { type: ['number', 'null'] }, HOLD: { type: ['number', 'null'] } }),
  forecastLabel: object({
    predicted: FORECAST_CLASS,
    realised: FORECAST_CLASS,
    pct: { type: 'number' },
    epsilon: { type: 'number', minimum: 0 },
    signOk: { enum: [1, -1] },
    pTrue: { type: 'number', minimum: 0, maximum: 1 },
    wHit: { type: 'number', minimum: -1, maximum: 1 },
  }),
  decisionLabel: object({
    rewards: { $ref: '#/$defs/rewards' },
    best: ACTION,
    chosen: ACTION,
    regret: { type: 'number', minimum: 0 },
    benchmarkReturn: { type: 'number' },
  }),
  metadata: object({
    run: { type: 'string', minLength: 1 },
    symbol: { type: 'string', minLength: 1 },
    strategy: { type: 'string', minLength: 1 },
    mode: { enum: ['analytic', 'llm'] },
    agent: { enum: ['news', 'report', 'forecast', 'style', 'decision'] },
    barIndex: { type: 'integer', minimum: 0 },
    date: ISO_DAY,
    decidedAt: ISO_INSTANT,
    knownAt: { anyOf: [ISO_INSTANT, { type: 'null' }] },
    labels: {
      anyOf: [object({ forecast: { $ref: '#/$defs/forecastLabel' }, decision: { $ref: '#/$defs/decisionLabel' } }), { type: 'null' }],
    },
    dataHashes: object({ prices: SHA256, news: SHA256_OR_NULL, fundamentals: SHA256_OR_NULL, filing: SHA256_OR_NULL, memory: SHA256_OR_NULL }),
    engineVersion: { type: 'string', minLength: 1 },
    paramsHash: SHA256,
    resultHash: SHA256_OR_NULL,
  }),
};

/** Schema of one line of `synth export --format sft`. */
export const SFT_RECORD_SCHEMA: JsonSchema = {
  $schema: DRAFT,
  $id: 'urn:tradinggroup:synthesis:sft-record:v1',
  title: 'TradingGroup SFT record',
  ...object({
    format: { const: 'tradinggroup.sft.v1' },
    messages: { type: 'array', prefixItems: [message('system'), message('user'), message('assistant')], items: false, minItems: 3 },
    metadata: { $ref: '#/$defs/metadata' },
  }),
  $defs: DEFS,
};

/** Schema of one line of `synth export --format preference`. */
export const PREFERENCE_RECORD_SCHEMA: JsonSchema = {
  $schema: DRAFT,
  $id: 'urn:tradinggroup:synthesis:preference-record:v1',
  title: 'TradingGroup preference record',
  ...object({
    format: { const: 'tradinggroup.preference.v1' },
    prompt: { type: 'array', prefixItems: [message('system'), message('user')], items: false, minItems: 2 },
    chosen: { type: 'array', prefixItems: [message('assistant')], items: false, minItems: 1 },
    rejected: { type: 'array', prefixItems: [message('assistant')], items: false, minItems: 1 },
    chosenAction: ACTION,
    rejectedAction: ACTION,
    rejectedSource: { enum: ['label', 'model'] },
    rewards: { $ref: '#/$defs/rewards' },
    margin: { type: 'number', exclusiveMinimum: 0 },
    metadata: { $ref: '#/$defs/metadata' },
  }),
  $defs: DEFS,
};
