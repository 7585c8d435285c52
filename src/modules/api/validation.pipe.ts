import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { RESERVED_KEYS } from './request-limits';

/**
 * The global validation: unknown fields are refused, values are transformed to the DTO types,
 * and a 400 names the field at fault (`field`) with one readable line per problem (`message`).
 * Reserved keys (`__proto__`, `constructor`, `prototype`) are refused like unknown ones, at any
 * depth of a body or query: Nest's pipe would otherwise drop them without a word.
 */
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => {
        const problems = flatten(errors);
        return badRequest(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems[0]?.field);
      },
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const field = reservedKeyIn(value);
      if (field) throw badRequest(`${field}: reserved key`, field);
    }
    return super.transform(value, metadata);
  }
}

function badRequest(message: string, field: string | undefined): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message, field });
}

/**
 * The path of the first reserved key in `value`. Bodies are at most REQUEST_LIMITS.maxDepth deep
 * (JsonBodyMiddleware) and queries one level, so the walk is shallow; it uses an explicit stack anyway.
 */
export function reservedKeyIn(value: unknown): string | null {
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const entries = Array.isArray(v) ? v.map((item, i) => [String(i), item] as const) : Object.entries(v);
    for (const [key, child] of entries) {
      const childPath = path ? `${path}.${key}` : key;
      if (!Array.isArray(v) && RESERVED_KEYS.has(key)) return childPath;
      stack.push({ value: child, path: childPath });
    }
  }
  return null;
}

function flatten(errors: ValidationError[], prefix = ''): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [rule, text] of Object.entries(e.constraints ?? {})) {
      out.push({ field, message: rule === 'whitelistValidation' ? 'unknown field' : text.replace(new RegExp(`^${escape(e.property)} `), '') });
    }
    out.push(...flatten(e.children ?? [], field));
  }
  return out;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
