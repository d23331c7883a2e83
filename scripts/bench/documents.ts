import { type BriefDocument, emptySourceFields, type Source } from '@/lib/content/document';
import type { RichNode } from '@/lib/content/numbering';

const vocabulary = (
  'the minister said that report data shows growth of public spending across regions while ' +
  'analysts disagree about causes and effects on prices wages housing energy trade policy court ' +
  'ruling election campaign claim evidence official figures survey percent million budget law'
).split(' ');

/** A deterministic pseudo-random sequence, so every run measures the same documents. */
function sequence(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function source(n: number): Source {
  return {
    id: `bench-source-${n}`,
    ...emptySourceFields('2026-01-01'),
    url: `https://example.org/bench/${n}`,
    title: `Benchmark source ${n}`,
    publisher: 'Example Press',
  };
}

/**
 * A brief with a body of `words` words in paragraphs of about 100, a section heading every ten
 * paragraphs, and `citations` citations spread evenly over them, citing `sources` sources in turn.
 */
export function benchDocument(input: {
  words: number;
  citations: number;
  sources: number;
  question?: string;
}): BriefDocument {
  const random = sequence(input.words + input.citations);
  const paragraphCount = Math.max(1, Math.round(input.words / 100));
  const citationEvery = input.citations ? paragraphCount / input.citations : Infinity;
  const sources = Array.from({ length: Math.max(1, input.sources) }, (_, i) => source(i + 1));
  let cited = 0;
  const cite = (): RichNode => {
    const sourceId = sources[cited % sources.length]!.id;
    cited += 1;
    return { type: 'citation', attrs: { citationId: `bench-cite-${cited}`, sourceId } };
  };
  const body: RichNode[] = [];
  let nextCitation = 0;
  for (let p = 0; p < paragraphCount; p += 1) {
    if (p % 10 === 0) {
      body.push({
        type: 'heading',
        attrs: { level: 2 },
        content: [{ type: 'text', text: `Section ${p / 10 + 1}` }],
      });
    }
    const words = Array.from(
      { length: 100 },
      () => vocabulary[Math.floor(random() * vocabulary.length)],
    );
    const content: RichNode[] = [{ type: 'text', text: `${words.join(' ')}. ` }];
    // Several citations may fall in one paragraph when there are more citations than paragraphs.
    while (nextCitation < input.citations && nextCitation * citationEvery <= p) {
      content.push(cite());
      nextCitation += 1;
    }
    body.push({ type: 'paragraph', content });
  }
  const allCited = cited > 0;
  return {
    question: input.question ?? `Is the benchmark claim about ${input.words} words true?`,
    summary: {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'A summary of the benchmark brief. ' }],
        },
      ],
    },
    body: { type: 'doc', content: body },
    limitations: { type: 'doc', content: [{ type: 'paragraph' }] },
    relatedQuestions: [],
    sources: allCited ? sources : [],
  };
}

/** The same document with a numbered question, so that each save is a new version. */
/**
 * A summary of one paragraph citing `sourceId`: every paragraph of a brief cites, so that it may
 * be submitted.
 */
export function citingSummary(sourceId: string): RichNode {
  return {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'A summary of the benchmark brief. ' },
          { type: 'citation', attrs: { citationId: 'bench-summary', sourceId } },
        ],
      },
    ],
  };
}

export function revised(document: BriefDocument, round: number): BriefDocument {
  return { ...document, question: `${document.question.replace(/ \(\d+\)$/, '')} (${round})` };
}
