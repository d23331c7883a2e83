import { describe, expect, it } from 'vitest';
import { mentionedPeople } from './mentions';

const ada = { id: 'ada', name: 'Ada Lovelace', email: 'ada.lovelace@example.org' };
const adam = { id: 'adam', name: 'Ada', email: 'adam@example.org' };
const bea = { id: 'bea', name: 'Béatrice Ødegård', email: 'bea@example.org' };
const grace = { id: 'grace', name: 'Grace Hopper', email: 'grace@example.org' };
const people = [ada, adam, bea, grace];

describe('mentions', () => {
  it('finds a full name, in any case, and an email’s local part', () => {
    expect(mentionedPeople('@Ada Lovelace, can you check?', people)).toEqual(['ada']);
    expect(mentionedPeople('@ada lovelace can you check', people)).toEqual(['ada']);
    expect(mentionedPeople('ask @grace.', people)).toEqual(['grace']);
    expect(mentionedPeople('@ada.lovelace!', people)).toEqual(['ada']);
    expect(mentionedPeople('@béatrice ødegård', people)).toEqual(['bea']);
  });

  it('takes the longest name that fits', () => {
    expect(mentionedPeople('@Ada Lovelace', people)).toEqual(['ada']);
    expect(mentionedPeople('@Ada said so', people)).toEqual(['adam']);
    expect(mentionedPeople('@Ada Lovelaces', people)).toEqual(['adam']);
  });

  it('needs the name to end where no letter or digit follows', () => {
    expect(mentionedPeople('@Gracefully', people)).toEqual([]);
    expect(mentionedPeople('@Grace2', people)).toEqual([]);
    expect(mentionedPeople('@Grace Hopper’s point', people)).toEqual(['grace']);
    expect(mentionedPeople('(@grace)', people)).toEqual(['grace']);
    expect(mentionedPeople('@Grace😀', people)).toEqual(['grace']);
  });

  it('ignores an @ inside a word, a bare @ and unknown names', () => {
    expect(mentionedPeople('write to grace@example.org', people)).toEqual([]);
    expect(mentionedPeople('x@Grace', people)).toEqual([]);
    expect(mentionedPeople('@ Grace @', people)).toEqual([]);
    expect(mentionedPeople('@Linus', people)).toEqual([]);
    expect(mentionedPeople('', people)).toEqual([]);
  });

  it('finds several people, each once, and both of two who share a name', () => {
    expect(mentionedPeople('@Grace and @ada.lovelace, then @grace again', people)).toEqual([
      'grace',
      'ada',
    ]);
    const twin = { id: 'twin', name: 'Grace Hopper', email: 'gh2@example.org' };
    expect(mentionedPeople('@Grace Hopper', [grace, twin]).sort()).toEqual(['grace', 'twin']);
  });
});
