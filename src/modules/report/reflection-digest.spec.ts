import { digestReflections, lessonName, parseReflectionNote } from './reflection-digest';

const NOTES = [
  '20 recent + 1 similar cases; worked: conservative days averaged a reward of 0.16% (7 days); failed: "sideways" forecasts hit 7 of 21; failed: news signal pointed the right way 10 of 21 times',
  '20 recent + 5 similar cases; worked: "sideways" forecasts hit 13 of 25; failed: news signal pointed the right way 11 of 25 times; failed: aggressive days averaged a reward of -0.16% (5 days)',
  '20 recent + 5 similar cases; worked: "sideways" forecasts hit 12 of 25; failed: news signal pointed the right way 9 of 25 times; failed: aggressive days averaged a reward of -0.10% (6 days)',
];

describe('reflection digest', () => {
  it('names a lesson by its words before the first number', () => {
    expect(lessonName('news signal pointed the right way 10 of 21 times')).toBe('news signal pointed the right way');
    expect(lessonName('conservative days averaged a reward of -0.16% (5 days)')).toBe('conservative days averaged a reward');
    expect(lessonName('"sideways" forecasts hit 7 of 21')).toBe('"sideways" forecasts hit');
  });

  it('splits a note into its context and its lessons', () => {
    const { context, lessons } = parseReflectionNote(NOTES[0]);
    expect(context).toEqual(['20 recent + 1 similar cases']);
    expect(lessons.map((l) => [l.verdict, l.name])).toEqual([
      ['worked', 'conservative days averaged a reward'],
      ['failed', '"sideways" forecasts hit'],
      ['failed', 'news signal pointed the right way'],
    ]);
  });

  it('keeps only the lessons that flipped, appeared or were dropped since the previous note', () => {
    const { notes } = digestReflections(NOTES);
    expect(notes[0].changes.map((c) => c.kind)).toEqual(['new', 'new', 'new']);
    expect(notes[1].changes).toEqual([
      { name: '"sideways" forecasts hit', kind: 'flipped', from: 'failed', to: 'worked', detail: '"sideways" forecasts hit 13 of 25' },
      { name: 'aggressive days averaged a reward', kind: 'new', to: 'failed', detail: 'aggressive days averaged a reward of -0.16% (5 days)' },
      { name: 'conservative days averaged a reward', kind: 'dropped', from: 'worked', detail: 'conservative days averaged a reward of 0.16% (7 days)' },
    ]);
    // The same verdicts with other counts: nothing to say.
    expect(notes[2].changes).toEqual([]);
  });

  it('tallies how often each lesson worked, failed and changed its verdict, most named first, with its last clause', () => {
    const { tally } = digestReflections(NOTES);
    expect(tally.map((t) => [t.name, t.worked, t.failed, t.flips])).toEqual([
      ['"sideways" forecasts hit', 2, 1, 1],
      ['news signal pointed the right way', 0, 3, 0],
      ['aggressive days averaged a reward', 0, 2, 0],
      ['conservative days averaged a reward', 1, 0, 0],
    ]);
    expect(tally[0].last.detail).toBe('"sideways" forecasts hit 12 of 25');
  });

  it('leaves a note without lessons as context only', () => {
    const { notes, tally } = digestReflections(['the balanced style held through a drawdown']);
    expect(notes[0]).toEqual({ context: ['the balanced style held through a drawdown'], lessons: [], changes: [] });
    expect(tally).toEqual([]);
  });
});
