import { isObject, ValidateBy, ValidationOptions } from 'class-validator';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The OpenAPI schema of a calendar day (`YYYY-MM-DD`). */
export const ISO_DAY_SCHEMA = { type: 'string', format: 'date', pattern: ISO_DAY.source } as const;

/** How strategy files are named in strategies/ (the pattern of a strategy name in the OpenAPI document). */
export const STRATEGY_NAME_PATTERN = '^[a-z0-9][a-z0-9-]*$';

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isIsoDay(value: unknown): boolean {
  if (typeof value !== 'string' || !ISO_DAY.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === value;
}

/** A calendar day as `YYYY-MM-DD`. */
export function IsIsoDay(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isIsoDay', validator: { validate: isIsoDay, defaultMessage: () => 'a calendar date as YYYY-MM-DD' } }, options);
}

/** A strategy name (as in strategies/) or an inline strategy config object. */
export function IsStrategyRef(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStrategyRef',
      validator: {
        validate: (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 160) || (isObject(v) && !Array.isArray(v)),
        defaultMessage: () => 'a strategy name from GET /strategies or an inline strategy config {name, kind, params}',
      },
    },
    options,
  );
}
