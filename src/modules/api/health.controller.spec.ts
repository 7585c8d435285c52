import { withoutPaths } from './health.controller';

describe('withoutPaths', () => {
  it('replaces absolute paths in a message and leaves the rest', () => {
    expect(withoutPaths('SQLITE_CANTOPEN: unable to open database file /srv/tg/db.sqlite')).toBe('SQLITE_CANTOPEN: unable to open database file <path>');
    expect(withoutPaths("ENOENT: no such file or directory, statfs '/home/me/data'")).toBe("ENOENT: no such file or directory, statfs '<path>'");
    expect(withoutPaths('C:\\data\\runs.sqlite is locked')).toBe('<path> is locked');
    expect(withoutPaths('ratio 1/2 of and/or')).toBe('ratio 1/2 of and/or');
  });
});
