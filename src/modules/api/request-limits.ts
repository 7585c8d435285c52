/**
 * What the API accepts in a request body, checked before anything else reads it (documented in
 * the API's README and in the OpenAPI document). A body breaking one is a 4xx, never a 500.
 */
export const REQUEST_LIMITS = {
  /** Largest JSON body in bytes (100 KiB); a larger one is a 413. */
  maxBodyBytes: 100 * 1024,
  /** Deepest nesting of objects and arrays in a body (the body itself is level 1); deeper is a 400. */
  maxDepth: 32,
  /** Most items in any one array of a body; more is a 400 (fields have their own, smaller bounds). */
  maxArrayItems: 1000,
} as const;

export type RequestLimits = { [K in keyof typeof REQUEST_LIMITS]: number };

/**
 * Keys refused anywhere in a body or a query (400): they name parts of JavaScript objects'
 * prototype chain, and a framework that silently drops them would hide the client's mistake.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
