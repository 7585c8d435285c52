import { ItemSetMemo } from './item-set.memo';

const ids = (...xs: string[]) => xs.map((id) => ({ id, headline: `headline ${id}` }));

describe('ItemSetMemo', () => {
  it('returns the value remembered for the same ids in the same order and context', () => {
    const memo = new ItemSetMemo<number>();
    memo.set('AAPL', ids('a', 'b', 'c'), 1);
    expect(memo.get('AAPL', ids('a', 'b', 'c'))).toBe(1);
    expect(memo.get('MSFT', ids('a', 'b', 'c'))).toBeUndefined();
    expect(memo.get('AAPL', ids('a', 'c', 'b'))).toBeUndefined();
    expect(memo.get('AAPL', ids('a', 'b'))).toBeUndefined();
  });

  it('tells apart lists that share their length, first and last id', () => {
    const memo = new ItemSetMemo<string>();
    memo.set('AAPL', ids('a', 'x', 'c'), 'first');
    memo.set('AAPL', ids('a', 'y', 'c'), 'second');
    expect(memo.get('AAPL', ids('a', 'x', 'c'))).toBe('first');
    expect(memo.get('AAPL', ids('a', 'y', 'c'))).toBe('second');
    expect(memo.get('AAPL', ids('a', 'z', 'c'))).toBeUndefined();
    expect(memo.size).toBe(2);
  });

  it('does not answer for an id that now carries other text', () => {
    const memo = new ItemSetMemo<number>();
    memo.set('AAPL', ids('a', 'b'), 1);
    expect(memo.get('AAPL', [{ id: 'a', headline: 'headline a' }, { id: 'b', headline: 'something else' }])).toBeUndefined();
  });

  it('finds a frozen list by the list itself, and an equal copy by its content', () => {
    const memo = new ItemSetMemo<number>();
    const list = Object.freeze(ids('a', 'b').map((it) => Object.freeze(it)));
    memo.set('AAPL', list, 1);
    expect(memo.get('AAPL', list)).toBe(1);
    expect(memo.get('MSFT', list)).toBeUndefined();
    expect(memo.get('AAPL', ids('a', 'b'))).toBe(1);
    expect(memo.get('AAPL', [list[0], { id: 'b', headline: 'something else' }])).toBeUndefined();
  });

  it('works out a fact about a frozen list once, and about any other list each time', () => {
    const memo = new ItemSetMemo<number, number>();
    let worked = 0;
    const count = (items: readonly unknown[]) => (worked++, items.length);
    const list = Object.freeze(ids('a', 'b', 'c'));
    expect(memo.fact(list, count)).toBe(3);
    memo.set('AAPL', list, 7);
    expect(memo.fact(list, count)).toBe(3);
    expect(memo.get('AAPL', list)).toBe(7);
    expect(worked).toBe(1);
    const open = ids('a', 'b');
    expect(memo.fact(open, count)).toBe(2);
    expect(memo.fact(open, count)).toBe(2);
    expect(worked).toBe(3);
  });
});
