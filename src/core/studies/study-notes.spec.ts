import { studyNotes } from './study-notes';

describe('the notes of a study', () => {
  it('says each text once with the runs that made it, the most frequent first', () => {
    const noNews = 'no news for AAPL: the news agent reports no_data on every bar';
    const notes = studyNotes([
      { strategy: 'tradinggroup', symbol: 'AAPL', notes: [noNews, 'forecast: warmup on 81 bars'] },
      { strategy: 'tradinggroup', symbol: 'AAPL', notes: [noNews, noNews] },
      { strategy: 'buy-and-hold', symbol: 'AAPL', notes: [] },
      { strategy: 'other', symbol: 'SPX', notes: ['forecast: warmup on 81 bars'] },
      { strategy: 'tradinggroup', symbol: 'SPX', notes: ['a wiped-out account'] },
    ]);
    expect(notes).toEqual([
      { text: 'forecast: warmup on 81 bars', runs: 2, strategies: ['other', 'tradinggroup'], symbols: ['AAPL', 'SPX'] },
      // A note a run repeats counts that run once.
      { text: noNews, runs: 2, strategies: ['tradinggroup'], symbols: ['AAPL'] },
      { text: 'a wiped-out account', runs: 1, strategies: ['tradinggroup'], symbols: ['SPX'] },
    ]);
    expect(studyNotes([{ strategy: 's', symbol: 'A', notes: [] }])).toEqual([]);
  });
});
