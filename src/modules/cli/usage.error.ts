/**
 * The command line itself is wrong: an unknown command, or a flag's value that cannot be
 * accepted. The CLI prints it as one line and exits with code 2, like the argument parser's own
 * errors. (An InputError naming a flag, e.g. `--cash`, is a usage error too.)
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly flag?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
