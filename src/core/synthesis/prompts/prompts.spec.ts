import {
  buildDecisionPrompt,
  buildForecastPrompt,
  buildNewsPrompt,
  buildReportPrompt,
  buildStylePrompt,
  DECISION_SYSTEM_PROMPT,
  DecisionPromptInput,
  decisionAnswerText,
  FORECAST_SYSTEM_PROMPT,
  forecastAnswerText,
  ForecastPromptInput,
  NEWS_SYSTEM_PROMPT,
  NewsPromptInput,
  REPORT_SYSTEM_PROMPT,
  ReportPromptInput,
  STYLE_SYSTEM_PROMPT,
  StylePromptInput,
} from '.';

const D = Date.UTC(2016, 2, 1, 21); // 2016-03-01 16:00 New York
const HOUR = 3_600_000;
const ctx = { symbol: 'AAPL', date: '2016-03-01', decidedAt: D };
const experience = { recentCases: 20, similarCases: 5, worked: ['"down" forecasts hit 6 of 9'], failed: ['news signal pointed the right way 8 of 24 times'] };

const forecast: ForecastPromptInput = {
  ...ctx,
  features: {
    rsi14: 72.5,
    smaDeviation: 0.0312,
    distanceToHigh: -0.025,
    distanceToLow: 0.081,
    simplifiedAtr20: 1.4321,
    breakoutThreshold: 0.01,
    newHigh: false,
    return1: 0.0042,
    return5: -0.013,
  },
  epsilon: 0.0035,
  experience,
};
const news: NewsPromptInput = {
  ...ctx,
  items: [
    { id: 'b', publishedAt: D - 2 * HOUR, headline: 'Apple   beats\nestimates' },
    { id: 'a', publishedAt: D - 20 * HOUR, headline: 'iPhone sales slow in China' },
    { id: 'late', publishedAt: D + 2 * HOUR, headline: 'Apple shares jump after hours' },
  ],
  seen: 9,
  duplicates: 2,
};
const report: ReportPromptInput = {
  ...ctx,
  releases: [
    { ref: 'AAPL 2016-03', publishedAt: D + 30 * 24 * HOUR },
    { ref: 'AAPL 2015-12', publishedAt: D - 35 * 24 * HOUR },
  ],
  latestQuarter: '2015-12',
  epsSurprise: 0.0128,
  epsGrowthYoY: 0.0213,
  beatsLast4: 4,
  missesLast4: 0,
  daysSinceRelease: 35,
  filingDocument: '10-Q 2015-Q4',
  filingPublishedAt: D - 30 * 24 * HOUR,
  passages: [{ document: '10-Q 2015-Q4', topic: 'revenue', excerpt: 'Net sales increased 2%   driven by iPhone.' }],
};
const style: StylePromptInput = {
  ...ctx,
  drawdown: -0.052,
  recentReturn: -0.017,
  volatilityRatio: 0.46,
  position: { state: 'long', unrealizedReturn: -0.0226 },
  experience,
};
const decision: DecisionPromptInput = {
  ...ctx,
  style: 'balanced',
  styleReason: 'no rule fired',
  position: { state: 'flat', unrealizedReturn: null },
  forecast: { label: 'up', pUp: 0.61, pDown: 0.1, pSideways: 0.29, value: 0.51 },
  news: { value: 0.22, available: true, summary: '5 of 9 items: +0.22' },
  report: null,
  policy: { weights: { forecast: 0.55, news: 0.25 }, threshold: 0.1 },
  experience,
};

const PROMPTS = {
  forecast: () => buildForecastPrompt(forecast),
  news: () => buildNewsPrompt(news),
  report: () => buildReportPrompt(report),
  style: () => buildStylePrompt(style),
  decision: () => buildDecisionPrompt(decision),
};

/** Every instant (`YYYY-MM-DD HH:MM UTC`) and day (`YYYY-MM-DD`) a text mentions, as epoch ms (a day counts from its start). */
function stamps(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}) UTC)?/g)) {
    out.push(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)));
  }
  return out;
}

describe('agent prompt builders', () => {
  it('render the same text for the same input', () => {
    for (const build of Object.values(PROMPTS)) expect(build()).toEqual(build());
    const reordered = { ...forecast, features: Object.fromEntries(Object.entries(forecast.features).reverse()) } as ForecastPromptInput;
    expect(buildForecastPrompt(reordered)).toEqual(buildForecastPrompt(forecast));
  });

  it('mention nothing stamped after the decision instant', () => {
    for (const [agent, build] of Object.entries(PROMPTS)) {
      const late = stamps(build().user).filter((t) => t > D);
      expect({ agent, late }).toEqual({ agent, late: [] });
    }
  });

  it('show the forecaster its features with names and units, the band and the experience', () => {
    const user = buildForecastPrompt(forecast).user;
    expect(user).toContain('Symbol: AAPL\nDate: 2016-03-01 (decision at the session close, 2016-03-01 21:00 UTC)');
    expect(user).toContain('- RSI(14), 0 to 100: 72.50');
    expect(user).toContain('- Close vs SMA(20): +3.12%');
    expect(user).toContain('- Close vs the highest high of the last 20 sessions: -2.50%');
    expect(user).toContain('- SimplifiedATR20 (100 x population std of the last 20 daily log returns): 1.432');
    expect(user).toContain('- New 20-day high today: no');
    expect(user).toContain('- Log return over the last 5 sessions: -1.30%');
    expect(user).toContain('a next-session move within ±0.350% counts as sideways');
    expect(user).toContain('Experience from 20 recent and 5 similar labelled past cases:\n- worked: "down" forecasts hit 6 of 9\n- failed: news signal');
  });

  it('write n/a for features the agent did not have', () => {
    const user = buildForecastPrompt({ ...forecast, features: { ...forecast.features, rsi14: null, newHigh: null } }).user;
    expect(user).toContain('- RSI(14), 0 to 100: n/a');
    expect(user).toContain('- New 20-day high today: n/a');
  });

  it('list the news items oldest first with their times and leave out items after the decision', () => {
    const user = buildNewsPrompt(news).user;
    expect(user).toContain('News items of this session (the 2 most influential of 9, after removing 2 near-duplicates):');
    expect(user).toContain('1. [2016-03-01 01:00 UTC] iPhone sales slow in China\n2. [2016-03-01 19:00 UTC] Apple beats estimates');
    expect(user).not.toContain('after hours');
    expect(buildNewsPrompt({ ...news, items: [] }).user).toContain('No news items for this session.');
  });

  it('show the report agent the indicators, the public announcements and the passages', () => {
    const user = buildReportPrompt(report).user;
    expect(user).toContain('Earnings of the latest quarter (2015-12, released 35.0 days ago):');
    expect(user).toContain('- EPS surprise vs the estimate: +1.3%');
    expect(user).toContain('- Beats in the last 4 quarters: 4; misses: 0');
    expect(user).toContain('Announcements public at the decision: AAPL 2015-12 (2016-01-26 21:00 UTC)');
    expect(user).not.toContain('AAPL 2016-03');
    expect(user).toContain('[1] (revenue) Net sales increased 2% driven by iPhone.');
    expect(buildReportPrompt({ ...report, filingPublishedAt: D + 1 }).user).toContain('Filing: none available.');
  });

  it('show the style agent the account, the position and the volatility regime', () => {
    const user = buildStylePrompt(style).user;
    expect(user).toContain('- Drawdown from the peak equity: -5.20%');
    expect(user).toContain('- Short-term / long-term volatility of daily returns: 0.46x');
    expect(user).toContain('- Position: long, unrealised return -2.26%');
  });

  it('show the decision agent the signals, the style, the position and the policy of its side', () => {
    const user = buildDecisionPrompt(decision).user;
    expect(user).toContain('Trading style: balanced (no rule fired)\nPosition: flat (no shares held)');
    expect(user).toContain('- Forecast: up (P(up) 61.0%, P(down) 10.0%, P(sideways) 29.0%); signal +0.51');
    expect(user).toContain('- News sentiment: +0.22 (5 of 9 items: +0.22)');
    expect(user).toContain('- Financial report: switched off');
    expect(user).toContain('Policy: weights of the available signals: forecast 0.55, news 0.25. Buy when the weighted mean signal is at least 0.10.');
    const long = buildDecisionPrompt({
      ...decision,
      position: { state: 'long', unrealizedReturn: 0.01 },
      news: { value: 0, available: false, summary: 'no news for this session' },
    }).user;
    expect(long).toContain('Sell when the weighted mean signal is at most -0.10.');
    expect(long).toContain('- News sentiment: no data (no news for this session)');
  });

  it('name every answer key in the system prompts', () => {
    const keys: Array<[string, string[]]> = [
      [FORECAST_SYSTEM_PROMPT, ['label', 'pUp', 'pDown', 'pSideways', 'rationale']],
      [NEWS_SYSTEM_PROMPT, ['score', 'rationale']],
      [REPORT_SYSTEM_PROMPT, ['score', 'risks', 'opportunities', 'rationale']],
      [STYLE_SYSTEM_PROMPT, ['style', 'rationale']],
      [DECISION_SYSTEM_PROMPT, ['action', 'confidence', 'rationale']],
    ];
    for (const [system, names] of keys) for (const k of names) expect(system).toContain(`"${k}"`);
  });

  it('write answers as canonical JSON with numbers rounded to 4 decimals', () => {
    expect(forecastAnswerText({ label: 'down', pUp: 0.0086123, pDown: 0.67369, pSideways: 0.31769999, rationale: 'r' })).toBe(
      '{"label":"down","pDown":0.6737,"pSideways":0.3177,"pUp":0.0086,"rationale":"r"}',
    );
    expect(decisionAnswerText({ action: 'HOLD', rationale: 'label' })).toBe('{"action":"HOLD","rationale":"label"}');
  });
});
