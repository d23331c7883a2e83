CREATE TYPE "public"."reader_report_kind" AS ENUM('error', 'question');--> statement-breakpoint
CREATE TYPE "public"."reader_report_status" AS ENUM('new', 'in_progress', 'resolved', 'dismissed');--> statement-breakpoint
CREATE TYPE "public"."site_page_kind" AS ENUM('methodology', 'corrections-policy');--> statement-breakpoint
CREATE TABLE "reader_report_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"actor_id" uuid NOT NULL,
	"from_status" "reader_report_status" NOT NULL,
	"to_status" "reader_report_status" NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reader_report_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reader_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "reader_report_kind" NOT NULL,
	"brief_id" uuid,
	"version_id" uuid,
	"message" text NOT NULL,
	"email" text,
	"status" "reader_report_status" DEFAULT 'new' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reader_reports_error_names_brief" CHECK ("reader_reports"."kind" <> 'error' or ("reader_reports"."brief_id" is not null and "reader_reports"."version_id" is not null)),
	CONSTRAINT "reader_reports_message" CHECK (char_length("reader_reports"."message") between 1 and 5000),
	CONSTRAINT "reader_reports_email" CHECK ("reader_reports"."email" is null or char_length("reader_reports"."email") <= 254)
);
--> statement-breakpoint
CREATE TABLE "site_page_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"page" "site_page_kind" NOT NULL,
	"number" integer NOT NULL,
	"content" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "site_page_versions_number_positive" CHECK ("site_page_versions"."number" > 0)
);
--> statement-breakpoint
CREATE TABLE "site_settings" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"site_name" text,
	"disclaimer" text,
	"rating_scale" jsonb,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "site_settings_one_row" CHECK ("site_settings"."id")
);
--> statement-breakpoint
ALTER TABLE "briefs" ADD COLUMN "withdrawal_notice" text;--> statement-breakpoint
ALTER TABLE "briefs" ADD COLUMN "published_claim_review" jsonb;--> statement-breakpoint
ALTER TABLE "reader_report_events" ADD CONSTRAINT "reader_report_events_report_id_reader_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reader_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reader_report_events" ADD CONSTRAINT "reader_report_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reader_reports" ADD CONSTRAINT "reader_reports_brief_id_briefs_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."briefs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reader_reports" ADD CONSTRAINT "reader_reports_version_id_brief_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."brief_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_page_versions" ADD CONSTRAINT "site_page_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_settings" ADD CONSTRAINT "site_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reader_report_events_report" ON "reader_report_events" USING btree ("report_id","id");--> statement-breakpoint
CREATE INDEX "reader_report_throttle_window_started_at" ON "reader_report_throttle" USING btree ("window_started_at");--> statement-breakpoint
CREATE INDEX "reader_reports_queue" ON "reader_reports" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "reader_reports_brief" ON "reader_reports" USING btree ("brief_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "site_page_versions_number" ON "site_page_versions" USING btree ("page","number");--> statement-breakpoint
CREATE INDEX "briefs_public_claim_reviews" ON "briefs" USING btree ("published_checked_on","id") WHERE "briefs"."published" and "briefs"."published_claim_review" is not null;
--> statement-breakpoint
-- The history of the newsroom's public pages and of each report's handling is kept as written.
CREATE TRIGGER site_page_versions_append_only BEFORE UPDATE OR DELETE ON site_page_versions
  FOR EACH ROW EXECUTE FUNCTION factdesk_refuse_change();
--> statement-breakpoint
CREATE TRIGGER reader_report_events_append_only BEFORE UPDATE OR DELETE ON reader_report_events
  FOR EACH ROW EXECUTE FUNCTION factdesk_refuse_change();
--> statement-breakpoint
-- Public search reads related questions too (lib/publication/search-index.ts, weight C): the
-- published briefs indexed before this migration gain theirs.
UPDATE briefs AS b
SET search_document = b.search_document || setweight(to_tsvector('english', related.text), 'C')
FROM brief_versions AS v,
  LATERAL (
    SELECT coalesce(string_agg(q->>'text', E'\n'), '') AS text
    FROM jsonb_array_elements(coalesce(v.content->'relatedQuestions', '[]'::jsonb)) AS q
  ) AS related
WHERE v.id = b.published_version_id AND b.search_document IS NOT NULL AND related.text <> '';
