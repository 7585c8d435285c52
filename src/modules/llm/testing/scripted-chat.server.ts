import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** A chat-completions request as the server received it. */
export interface SeenRequest {
  /** 0-based, in arrival order. */
  index: number;
  /** ms since the server started. */
  at: number;
  /** The schema name of the requested answer (the asking agent). */
  agent: string;
  body: {
    model: string;
    messages: Array<{ role: string; content: string }>;
    temperature?: number;
    max_tokens?: number;
    response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: unknown } };
  };
  headers: IncomingMessage['headers'];
}

/** How the server answers one request. */
export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  /** A JSON body (default: a completion of `content`). */
  body?: unknown;
  /** The assistant message's text, wrapped in a chat completion (with usage). */
  content?: string;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Never answer (the client's timeout decides). */
  hang?: boolean;
}

export type ChatScript = (request: SeenRequest) => ScriptedReply | Promise<ScriptedReply>;

/** A running scripted server: its base URL (`…/v1`), what it saw, and how to stop it. */
export interface ScriptedChatServer {
  baseUrl: string;
  requests: SeenRequest[];
  /** The most requests it was answering at once. */
  maxInFlight(): number;
  /** Requests it is answering now (a request whose client went away no longer counts). */
  inFlight(): number;
  close(): Promise<void>;
}

/**
 * A real HTTP server on loopback that speaks the OpenAI chat-completions protocol
 * (`POST /v1/chat/completions`, `GET /v1/models`) and answers from a script: the stand-in for a
 * model provider in tests and benchmarks. Usage is reported as characters / 4.
 */
export async function startScriptedChatServer(script: ChatScript, port = 0): Promise<ScriptedChatServer> {
  const started = performance.now();
  const requests: SeenRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  let inFlight = 0;
  let peak = 0;
  const server: Server = createServer((req, res) => void handle(req, res));
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET' && req.url?.endsWith('/models')) return send(res, 200, { object: 'list', data: [{ id: 'scripted', object: 'model' }] });
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) return send(res, 404, { error: { message: `no route ${req.method} ${req.url}` } });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SeenRequest['body'];
    const seen: SeenRequest = { index: requests.length, at: performance.now() - started, agent: body.response_format?.json_schema?.name ?? '?', body, headers: req.headers };
    requests.push(seen);
    inFlight++;
    peak = Math.max(peak, inFlight);
    try {
      const reply = await script(seen);
      if (reply.hang) {
        await new Promise<void>((resolve) => (req.socket.destroyed ? resolve() : req.socket.once('close', resolve)));
        return;
      }
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      const payload = reply.body ?? completion(body, reply.content ?? '{}');
      send(res, reply.status ?? 200, payload, reply.headers);
    } finally {
      inFlight--;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${bound}/v1`,
    requests,
    maxInFlight: () => peak,
    inFlight: () => inFlight,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A chat completion whose message is `content`, with usage counted as characters / 4. */
export function completion(body: SeenRequest['body'], content: string): unknown {
  const promptChars = body.messages.reduce((n, m) => n + m.content.length, 0);
  const prompt = Math.ceil(promptChars / 4);
  const answer = Math.ceil(content.length / 4);
  return {
    id: 'chatcmpl-scripted',
    object: 'chat.completion',
    created: 0,
    model: body.model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: prompt, completion_tokens: answer, total_tokens: prompt + answer },
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
