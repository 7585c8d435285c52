/** A run was to be stored under an id that another run already has. */
export class RunIdTakenError extends Error {
  constructor(readonly id: string) {
    super(`a run with id ${id} exists already`);
    this.name = 'RunIdTakenError';
  }
}

/** Whether a driver error is a unique-key violation (SQLite's UNIQUE / PRIMARY KEY constraint, Postgres' 23505). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { driverError?: unknown; code?: unknown; message?: unknown } | null;
  if (typeof e !== 'object' || e === null) return false;
  const driver = (typeof e.driverError === 'object' && e.driverError !== null ? e.driverError : e) as { code?: unknown; message?: unknown };
  if (driver.code === '23505') return true;
  return driver.code === 'SQLITE_CONSTRAINT' && /UNIQUE constraint failed|PRIMARY KEY/.test(String(driver.message));
}
