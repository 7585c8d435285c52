import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/**
 * The global validation: unknown fields are refused, values are transformed to the DTO types,
 * and a 400 names the field at fault (`field`) with one readable line per problem (`message`).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      return new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: problems.map((p) => `${p.field}: ${p.message}`).join('; '),
        field: problems[0]?.field,
      });
    },
  });
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
