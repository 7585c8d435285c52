/**
 * Whether this platform stores a float64 little-endian: a Float64Array's bytes are then the
 * little-endian bytes the result hash, the stored equity blocks and a dataset's columns file are
 * made of, and can be copied as they are.
 */
export const FLOAT64_LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;
