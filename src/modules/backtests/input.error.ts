import { ZodError } from 'zod';

/**
 * Bad input from a user (a flag, a request body, a strategy file): the message names the
 * field. The CLI prints it as one line; the REST API answers 400 with it.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }

  /** One readable line from a zod error: `field: problem; other.field: problem`. */
  static fromZod(error: ZodError, context: string, prefix = ''): InputError {
    const issues = error.issues.map((i) => {
      const path = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
      return `${path || '(root)'}: ${i.message}`;
    });
    const first = error.issues[0];
    const field = first ? [prefix, ...first.path.map(String)].filter(Boolean).join('.') : undefined;
    return new InputError(`${context}: ${issues.join('; ')}`, field);
  }
}

/** The thing asked for does not exist (unknown run id, strategy or dataset). */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** The thing asked for exists but is in a state that does not allow it (cancel a finished run). */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}
