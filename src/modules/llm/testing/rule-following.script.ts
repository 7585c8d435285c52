import { ChatScript, ScriptedReply, SeenRequest } from './scripted-chat.server';

/**
 * Valid answers for every agent, derived from what the prompt shows (so runs trade, and a
 * changed prompt changes the answers): the forecast leans with the last daily return, the
 * decision follows the forecast, the style stays balanced.
 */
export function ruleFollowingAnswer(request: SeenRequest): ScriptedReply {
  const user = request.body.messages.find((m) => m.role === 'user')?.content ?? '';
  switch (request.agent) {
    case 'forecast': {
      const up = /Last daily log return: \+/.test(user);
      return json({ pUp: up ? 0.5 : 0.2, pDown: up ? 0.2 : 0.5, pSideways: 0.3, rationale: up ? 'the last session closed higher' : 'the last session closed lower' });
    }
    case 'style':
      return json({ style: 'balanced', rationale: 'no strong reason to change the posture' });
    case 'decision': {
      const flat = /Position: flat/.test(user);
      const forecast = /Forecast of the next session: (up|down|sideways)/.exec(user)?.[1];
      const action = flat && forecast === 'up' ? 'BUY' : !flat && forecast === 'down' ? 'SELL' : 'HOLD';
      return json({ action, confidence: 0.6, rationale: `the forecast is ${forecast}` });
    }
    case 'news_sentiment':
      return json({ score: /beat|record|surge|up/i.test(user) ? 0.4 : -0.1, summary: 'the session’s posts are mixed' });
    case 'financial_report':
      return json({ score: 0.2, risks: ['competition'], opportunities: ['earnings beats'], summary: 'steady earnings' });
    case 'reflection':
      return json({ forecast: 'Calls after up days were right more often.', style: 'Balanced worked.', decision: 'Selling on down forecasts cut losses.' });
    case 'check':
      return json({ sum: 42, word: 'ready' });
    default:
      return { status: 400, body: { error: { message: `unknown schema ${request.agent}` } } };
  }
}

export const ruleFollowing: ChatScript = ruleFollowingAnswer;

/** A reply whose message is `value` as JSON. */
export function json(value: unknown): ScriptedReply {
  return { content: JSON.stringify(value) };
}
