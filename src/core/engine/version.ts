/**
 * Version of the engine's semantics (fills, accounting, metrics). Part of every run
 * manifest; change it whenever a change can move any number of an existing run.
 */
export const ENGINE_VERSION = '1.1.0';
