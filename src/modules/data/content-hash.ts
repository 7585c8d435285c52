import { createHash } from 'node:crypto';

/** SHA-256 of some content as lowercase hex; strings are hashed as UTF-8. Used in run manifests. */
export function contentHash(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}
