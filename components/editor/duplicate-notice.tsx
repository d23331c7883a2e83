'use client';

import { useEffect, useRef, useState } from 'react';
import { DuplicateList } from '@/components/briefs/duplicate-questions';
import { DUPLICATE_KEY_MIN, type DuplicateQuestion } from '@/lib/desk/duplicate-questions';

/** How long typing must pause before the question is compared. */
const DEBOUNCE_MS = 400;

const sameMatches = (a: readonly DuplicateQuestion[], b: readonly DuplicateQuestion[]) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * Other briefs asking the question being typed (GET /api/briefs/duplicates), once typing pauses;
 * a request still running when the question changes again is abandoned. The answer shown stays
 * until another replaces it, so the notice does not blink while typing. Advice only: a failed
 * request changes nothing and saving never waits for it.
 */
function useDuplicateQuestions(question: string, briefId: string): DuplicateQuestion[] {
  const [matches, setMatches] = useState<DuplicateQuestion[]>([]);
  // The question the brief opened with is compared at once (an import, a copy pasted earlier).
  const opened = useRef(true);

  useEffect(() => {
    const typed = question.trim();
    const first = opened.current;
    opened.current = false;
    if (typed.length < DUPLICATE_KEY_MIN) {
      setMatches((shown) => (shown.length === 0 ? shown : []));
      return;
    }
    const request = new AbortController();
    const timer = setTimeout(
      async () => {
        try {
          const query = new URLSearchParams({ question: typed, exclude: briefId });
          const response = await fetch(`/api/briefs/duplicates?${query}`, {
            signal: request.signal,
            headers: { accept: 'application/json' },
          });
          if (!response.ok) return;
          const answer = (await response.json()) as { matches: DuplicateQuestion[] };
          if (request.signal.aborted) return;
          setMatches((shown) => (sameMatches(shown, answer.matches) ? shown : answer.matches));
        } catch {
          // Aborted by the next keystroke, or offline: what is shown stays.
        }
      },
      first ? 0 : DEBOUNCE_MS,
    );
    return () => {
      clearTimeout(timer);
      request.abort();
    };
  }, [question, briefId]);

  return matches;
}

/**
 * Under the question field: a polite live region naming the briefs that ask the same or a similar
 * question, with links. It never takes the focus.
 */
export function DuplicateNotice({ question, briefId }: { question: string; briefId: string }) {
  const matches = useDuplicateQuestions(question, briefId);
  return (
    <div id="question-duplicates" className="duplicate-notice" aria-live="polite">
      <DuplicateList matches={matches} />
    </div>
  );
}
