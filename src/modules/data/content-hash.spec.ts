import { contentHash } from './content-hash';

describe('contentHash', () => {
  it('is the SHA-256 hex digest of the content', () => {
    expect(contentHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes a string and its UTF-8 bytes alike', () => {
    expect(contentHash(Buffer.from('é,1\n', 'utf8'))).toBe(contentHash('é,1\n'));
  });
});
