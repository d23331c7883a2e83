CREATE TYPE "public"."delivery_state" AS ENUM('pending', 'delivered', 'failed');--> statement-breakpoint
CREATE TYPE "public"."notification_kind" AS ENUM('submitted', 'changes_requested', 'approved', 'published', 'schedule_done', 'schedule_failed', 'source_attention', 'mention');--> statement-breakpoint
CREATE TYPE "public"."schedule_state" AS ENUM('scheduled', 'published', 'cancelled', 'failed');--> statement-breakpoint
CREATE TYPE "public"."source_check_status" AS ENUM('ok', 'moved', 'gone', 'unreachable', 'changed', 'quote_missing', 'retrying', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."webhook_event" AS ENUM('published', 'unpublished', 'rechecked', 'corrected');--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "notification_kind" NOT NULL,
	"brief_id" uuid,
	"message" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	"emailed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "publication_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brief_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"approval_id" uuid NOT NULL,
	"publish_at" timestamp with time zone NOT NULL,
	"state" "schedule_state" DEFAULT 'scheduled' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_by" uuid,
	"finished_at" timestamp with time zone,
	"failure_message" text,
	CONSTRAINT "publication_schedules_finished" CHECK (("publication_schedules"."state" = 'scheduled') = ("publication_schedules"."finished_at" is null) and ("publication_schedules"."state" = 'failed') = ("publication_schedules"."failure_message" is not null))
);
--> statement-breakpoint
CREATE TABLE "source_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brief_id" uuid NOT NULL,
	"source_id" text NOT NULL,
	"url" text NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" "source_check_status" NOT NULL,
	"http_status" integer,
	"final_url" text,
	"message" text NOT NULL,
	"approved_sha256" text,
	"content_sha256" text
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"webhook_id" uuid NOT NULL,
	"event" "webhook_event" NOT NULL,
	"payload" jsonb NOT NULL,
	"state" "delivery_state" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"response_status" integer,
	"response_excerpt" text,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhooks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"url" text NOT NULL,
	"events" "webhook_event"[] NOT NULL,
	"secret" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "webhooks_has_events" CHECK (cardinality("webhooks"."events") > 0)
);
--> statement-breakpoint
ALTER TABLE "briefs" ADD COLUMN "review_interval_days" integer;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_notifications" "notification_kind"[] DEFAULT '{submitted,changes_requested,approved,schedule_failed,source_attention,mention}'::notification_kind[] NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_brief_id_briefs_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."briefs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_schedules" ADD CONSTRAINT "publication_schedules_brief_id_briefs_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."briefs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_schedules" ADD CONSTRAINT "publication_schedules_version_id_brief_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."brief_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_schedules" ADD CONSTRAINT "publication_schedules_approval_id_approvals_id_fk" FOREIGN KEY ("approval_id") REFERENCES "public"."approvals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_schedules" ADD CONSTRAINT "publication_schedules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_schedules" ADD CONSTRAINT "publication_schedules_finished_by_users_id_fk" FOREIGN KEY ("finished_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_checks" ADD CONSTRAINT "source_checks_brief_id_briefs_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."briefs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_checks" ADD CONSTRAINT "source_checks_approved_sha256_capture_contents_sha256_fk" FOREIGN KEY ("approved_sha256") REFERENCES "public"."capture_contents"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_checks" ADD CONSTRAINT "source_checks_content_sha256_capture_contents_sha256_fk" FOREIGN KEY ("content_sha256") REFERENCES "public"."capture_contents"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_webhook_id_webhooks_id_fk" FOREIGN KEY ("webhook_id") REFERENCES "public"."webhooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_user" ON "notifications" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notifications_unread" ON "notifications" USING btree ("user_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "publication_schedules_one_waiting" ON "publication_schedules" USING btree ("brief_id") WHERE "publication_schedules"."state" = 'scheduled';--> statement-breakpoint
CREATE INDEX "publication_schedules_due" ON "publication_schedules" USING btree ("publish_at") WHERE "publication_schedules"."state" = 'scheduled';--> statement-breakpoint
CREATE INDEX "source_checks_source" ON "source_checks" USING btree ("brief_id","source_id","checked_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "source_checks_checked_at" ON "source_checks" USING btree ("checked_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_webhook" ON "webhook_deliveries" USING btree ("webhook_id","created_at" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "briefs" ADD CONSTRAINT "briefs_review_interval_days" CHECK ("briefs"."review_interval_days" is null or "briefs"."review_interval_days" between 1 and 3660);