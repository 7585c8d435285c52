import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** What the contract needs of a response, whichever client received it. */
export interface ReceivedResponse {
  method: string;
  /** The URL as requested (path and query; the query is not checked here). */
  url: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, or the text of a text body, or undefined without a body. */
  body: unknown;
}

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  responses: Record<string, any>;
}

/** Paths that serve the document itself (Swagger UI and its JSON), which the document does not describe. */
const DOCUMENT_PATHS = /^\/docs(-json|\/.*)?$/;

/**
 * The OpenAPI document as a contract: every response a test receives must have a declared status,
 * a declared content type with a body matching its schema (ajv, OpenAPI 3.0's `nullable`
 * included), and every header the document says is required.
 */
export class OpenApiContract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly operations: Operation[] = [];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly doc: any) {
    addFormats(this.ajv);
    for (const [template, item] of Object.entries<Record<string, any>>(doc.paths)) {
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
        if (item[method]) this.operations.push({ method, template, pattern, responses: item[method].responses });
      }
    }
  }

  /** Throws with every way `res` breaks the document. */
  assert(res: ReceivedResponse): void {
    const problems = this.problems(res);
    if (problems.length > 0) throw new Error(`${res.method.toUpperCase()} ${res.url} → ${res.status} breaks the OpenAPI document:\n- ${problems.join('\n- ')}`);
  }

  problems(res: ReceivedResponse): string[] {
    const method = res.method.toLowerCase();
    const path = decodeURI(res.url.split('?')[0]).replace(/%2F/gi, '/');
    const rawPath = res.url.split('?')[0];
    if (DOCUMENT_PATHS.test(rawPath)) return [];
    const operation = this.operations.find((o) => o.method === method && (o.pattern.test(rawPath) || o.pattern.test(path)));
    if (!operation) return [`no operation ${method.toUpperCase()} ${rawPath} in the document`];
    const declared = operation.responses[String(res.status)] ?? operation.responses.default;
    if (!declared) return [`status ${res.status} is not declared (declared: ${Object.keys(operation.responses).join(', ')})`];
    const problems: string[] = [];
    for (const [name, header] of Object.entries<any>(declared.headers ?? {})) {
      if (header.required && res.headers[name.toLowerCase()] === undefined) problems.push(`required header ${name} is missing`);
    }
    const type = String(res.headers['content-type'] ?? '').split(';')[0].trim();
    const hasBody = res.status !== 204 && res.status !== 304 && type !== '';
    if (!hasBody) {
      if (declared.content && res.status !== 304 && res.status !== 204) problems.push('no body, though the document declares one');
      return problems;
    }
    const media = declared.content?.[type];
    if (!media) return [...problems, `content type ${type} is not declared (declared: ${Object.keys(declared.content ?? {}).join(', ') || 'none'})`];
    if (media.schema?.format === 'binary') return problems;
    const validate = this.validator(`${operation.method} ${operation.template} ${res.status} ${type}`, media.schema ?? {});
    if (!validate(res.body)) problems.push(...(validate.errors ?? []).map((e) => `body${e.instancePath} ${e.message} (${JSON.stringify(e.params)})`));
    return problems;
  }

  private validator(key: string, schema: object): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      // The document's components ride along, so that `#/components/schemas/...` resolves.
      validate = this.ajv.compile({ $id: `response:${this.validators.size}`, ...schema, components: this.doc.components });
      this.validators.set(key, validate);
    }
    return validate;
  }
}

/** A supertest response as the contract reads it (JSON parsed, text bodies as text). */
export function fromSupertest(method: string, url: string, res: { status: number; headers: Record<string, any>; body: unknown; text?: string }): ReceivedResponse {
  const type = String(res.headers['content-type'] ?? '');
  const body = /json/.test(type) ? res.body : /^text\//.test(type) ? res.text : res.body;
  return { method, url, status: res.status, headers: res.headers, body };
}

/** A fetch response and its body text as the contract reads them. */
export function fromFetch(method: string, url: string, res: Response, text: string): ReceivedResponse {
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => (headers[name] = value));
  const type = headers['content-type'] ?? '';
  return { method, url: new URL(url).pathname + new URL(url).search, status: res.status, headers, body: /json/.test(type) && text !== '' ? JSON.parse(text) : text || undefined };
}
