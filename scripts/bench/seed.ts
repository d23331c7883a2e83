import { getDb } from '@/db/client';

/** Subjects for the bulk briefs: a search for one of them matches one brief in 40. */
export const benchTopics = (
  'inflation vaccines elections tariffs housing wages pensions migration drought wildfires ' +
  'subsidies railways broadband fisheries tuition hospitals policing prisons lotteries vaping ' +
  'diesel solar nuclear pipelines ferries bridges airports harbours tunnels cycling ' +
  'landfills recycling pesticides wolves beavers glaciers floods heatwaves earthquakes volcanoes'
).split(' ');

/**
 * Gives a brief `count` versions in all by copying its head version (one bulk insert, no
 * round trip per row), then moves its head to the last copy, as that many saves would.
 */
export async function seedVersions(briefId: string, count: number): Promise<void> {
  const sql = getDb().$client;
  await sql.begin(async (tx) => {
    await tx`
      insert into brief_versions
        (brief_id, number, kind, author_id, contributor_ids, content, content_hash)
      select v.brief_id, n, 'save', v.author_id, v.contributor_ids, v.content, v.content_hash
      from briefs b
      join brief_versions v on v.id = b.head_version_id,
      generate_series(b.head_number + 1, ${count}::int) n
      where b.id = ${briefId}`;
    await tx`
      update briefs set
        head_version_id = (
          select id from brief_versions where brief_id = ${briefId} and number = ${count}
        ),
        head_number = ${count},
        revision = ${count}
      where id = ${briefId}`;
  });
}

/**
 * Publishes `count` more briefs (numbers `from`…`from + count - 1`), each a copy of a published
 * brief under its own question and slug, with its own search document: three statements, however
 * many briefs.
 */
export async function seedPublishedBriefs(
  templateBriefId: string,
  from: number,
  count: number,
): Promise<void> {
  const sql = getDb().$client;
  await sql.begin(async (tx) => {
    await tx`
      create temp table bench_new on commit drop as
      select gen_random_uuid() as id, n,
             (${benchTopics}::text[])[1 + n % ${benchTopics.length}] as topic
      from generate_series(${from}::int, ${from + count - 1}::int) n`;
    await tx`
      insert into briefs (id, created_by, question, state, revision)
      select bench_new.id, t.created_by,
             'Is the claim about ' || topic || ' number ' || n || ' true?', 'approved', 1
      from bench_new, briefs t where t.id = ${templateBriefId}`;
    await tx`
      insert into brief_versions
        (brief_id, number, kind, author_id, contributor_ids, content, content_hash, frozen)
      select b.id, 1, 'save', b.created_by, array[b.created_by],
             jsonb_set(v.content, '{question}', to_jsonb(b.question)), md5(b.question), true
      from bench_new join briefs b on b.id = bench_new.id,
           briefs t join brief_versions v on v.id = t.published_version_id
      where t.id = ${templateBriefId}`;
    await tx`
      with template as (
        select search_text,
               setweight(to_tsvector('english', search_text), 'B') as body_vector
        from briefs where id = ${templateBriefId}
      )
      update briefs b set
        head_version_id = v.id, head_number = 1,
        published_version_id = v.id, published = true,
        slug = 'bench-' || bench_new.n,
        published_question = b.question,
        published_checked_on = date '2026-01-01' + (bench_new.n % 300),
        first_published_at = now(),
        search_text = bench_new.topic || '. ' || template.search_text,
        search_document = setweight(to_tsvector('english', b.question), 'A')
          || setweight(to_tsvector('english', bench_new.topic), 'B') || template.body_vector
      from bench_new, brief_versions v, template
      where b.id = bench_new.id and v.brief_id = bench_new.id`;
  });
}

/**
 * Adds `count` briefs for the newsroom's list (numbers `from`…), none published (the public
 * lists are measured apart): drafts, briefs in review (half of them assigned to `reviewerId`),
 * changes requested and approved ones, written by `authorIds` in turn, each with a small first
 * version and a search document of its question and the template's text. Three statements,
 * however many briefs.
 */
export async function seedDeskBriefs(input: {
  templateBriefId: string;
  authorIds: string[];
  reviewerId: string;
  from: number;
  count: number;
}): Promise<void> {
  const sql = getDb().$client;
  const { from, count } = input;
  await sql.begin(async (tx) => {
    await tx`
      create temp table desk_new on commit drop as
      select gen_random_uuid() as id, n,
             (${benchTopics}::text[])[1 + n % ${benchTopics.length}] as topic,
             -- Author and state vary independently of the subject (n % 40): each subject has
             -- briefs by everyone, in every state.
             (${input.authorIds}::uuid[])[1 + (n / 40) % ${input.authorIds.length}] as author_id
      from generate_series(${from}::int, ${from + count - 1}::int) n`;
    await tx`
      insert into briefs (id, created_by, author_ids, question, state, revision, assigned_reviewer_id, updated_at)
      select id, author_id, array[author_id],
             'Is the claim about ' || topic || ' number ' || n || ' true?',
             (array['draft', 'draft', 'in_review', 'changes_requested', 'approved'])[1 + (n / 80) % 5]::brief_state,
             2,
             case when (n / 80) % 5 = 2 and n % 2 = 0 then ${input.reviewerId}::uuid end,
             now() - make_interval(mins => n)
      from desk_new`;
    await tx`
      insert into brief_versions (brief_id, number, kind, author_id, contributor_ids, content, content_hash)
      select d.id, 1, 'save', d.author_id, array[d.author_id],
             jsonb_build_object(
               'question', 'Is the claim about ' || d.topic || ' number ' || d.n || ' true?',
               'summary', '{"type":"doc","content":[{"type":"paragraph"}]}'::jsonb,
               'body', '{"type":"doc","content":[{"type":"paragraph"}]}'::jsonb,
               'limitations', '{"type":"doc","content":[{"type":"paragraph"}]}'::jsonb,
               'relatedQuestions', '[]'::jsonb, 'sources', '[]'::jsonb),
             md5(d.id::text)
      from desk_new d`;
    await tx`
      with template as (
        select to_tsvector('english', coalesce(search_text, '')) as body_vector
        from briefs where id = ${input.templateBriefId}
      )
      update briefs b set
        head_version_id = v.id, head_number = 1,
        submitted_version_id = case when b.state in ('in_review', 'approved') then v.id end,
        desk_search = strip(to_tsvector('english', b.question) || template.body_vector)
      from desk_new, brief_versions v, template
      where b.id = desk_new.id and v.brief_id = desk_new.id`;
  });
}
