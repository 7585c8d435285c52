import { ChatAnswer, ChatCall, ChatModel, ChatUnavailableError } from '../ports/chat-model.port';

/**
 * A chat model for the core's specs: answers each call from a function of the call (a string, or
 * an Error to throw) and keeps every call it was asked, in order.
 */
export class ScriptedChatModel implements ChatModel {
  readonly calls: ChatCall[] = [];

  constructor(private readonly answer: (call: ChatCall) => string | Error) {}

  async complete(call: ChatCall): Promise<ChatAnswer> {
    this.calls.push(call);
    const a = this.answer(call);
    if (a instanceof Error) throw a;
    return { content: a };
  }
}

/** Valid answers for every agent's schema, leaning with what the prompt shows. */
export function validAnswer(call: ChatCall): string {
  const user = call.messages.find((m) => m.role === 'user')?.content ?? '';
  switch (call.schema.name) {
    case 'forecast': {
      const up = /Last daily log return: \+/.test(user);
      return JSON.stringify({ pUp: up ? 0.5 : 0.2, pDown: up ? 0.2 : 0.5, pSideways: 0.3, rationale: 'momentum' });
    }
    case 'style':
      return JSON.stringify({ style: 'aggressive', rationale: 'calm' });
    case 'decision': {
      const flat = /Position: flat/.test(user);
      const forecast = /Forecast of the next session: (up|down|sideways)/.exec(user)?.[1];
      return JSON.stringify({ action: flat && forecast === 'up' ? 'BUY' : !flat && forecast === 'down' ? 'SELL' : 'HOLD', confidence: 0.5, rationale: `forecast ${forecast}` });
    }
    case 'news_sentiment':
      return JSON.stringify({ score: 0.3, summary: 'upbeat' });
    case 'financial_report':
      return JSON.stringify({ score: 0.1, risks: ['lawsuit'], opportunities: ['growth'], summary: 'fine' });
    case 'reflection':
      return JSON.stringify({ forecast: 'f lesson', style: 's lesson', decision: 'd lesson' });
    default:
      return '{}';
  }
}

/** The model never answers: every agent falls back. */
export const UNAVAILABLE = (): Error => new ChatUnavailableError('the server is down (after 5 attempts)');
