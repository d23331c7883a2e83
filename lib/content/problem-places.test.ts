import { describe, expect, it } from 'vitest';
import { emptyBriefDocument } from './document';
import { emptyProblemPlaces, hasProblems, placeProblems } from './problem-places';
import { makeSource } from './test-fixtures';

describe('placeProblems', () => {
  it('puts each message of a refused save next to its field', () => {
    const sent = { ...emptyBriefDocument(), sources: [makeSource('a'), makeSource('b')] };
    const bad = 'contains a control character (U+0002)';
    const places = placeProblems(
      {
        question: [`Question ${bad}`],
        'body.content.0.content.0.text': [`Body ${bad}`],
        'body.content.3.content.1.text': [`Body ${bad}`],
        'relatedQuestions.2.text': [`Related question ${bad}`],
        'sources.1.title': [`Source title ${bad}`],
        'claimReview.appearances.0': [`Where the claim appeared ${bad}`],
        document: ['This brief is larger than 1 MB of content (3 MB).'],
      },
      sent,
    );
    expect(places).toEqual({
      question: [`Question ${bad}`],
      relatedQuestions: [`Related question ${bad}`],
      parts: { body: [`Body ${bad}`] },
      sources: { b: [`Source title ${bad}`] },
      claimReview: { appearances: [`Where the claim appeared ${bad}`] },
      other: ['This brief is larger than 1 MB of content (3 MB).'],
    });
    expect(hasProblems(places)).toBe(true);
    expect(hasProblems(emptyProblemPlaces())).toBe(false);
  });
});
