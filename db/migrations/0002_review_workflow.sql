CREATE TYPE "public"."approval_kind" AS ENUM('approval', 'recheck');--> statement-breakpoint
CREATE TYPE "public"."correction_kind" AS ENUM('correction', 'clarification', 'update');--> statement-breakpoint
CREATE TABLE "approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brief_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"content_hash" text NOT NULL,
	"kind" "approval_kind" NOT NULL,
	"approved_by" uuid NOT NULL,
	"checked_on" date NOT NULL,
	"verified_source_ids" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"brief_id" uuid NOT NULL,
	"actor_id" uuid NOT NULL,
	"action" text NOT NULL,
	"version_number" integer,
	"from_state" text,
	"to_state" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brief_id" uuid NOT NULL,
	"kind" "correction_kind" NOT NULL,
	"note" text NOT NULL,
	"noted_on" date NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "corrections_note_not_blank" CHECK (length(btrim("corrections"."note")) > 0)
);
--> statement-breakpoint
ALTER TABLE "briefs" ADD COLUMN "submitted_version_id" uuid;--> statement-breakpoint
ALTER TABLE "briefs" ADD COLUMN "approval_id" uuid;--> statement-breakpoint
ALTER TABLE "briefs" ADD COLUMN "published_version_id" uuid;--> statement-breakpoint
ALTER TABLE "briefs" ADD COLUMN "published_checked_on" date;--> statement-breakpoint
ALTER TABLE "briefs" ADD COLUMN "first_published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "briefs" ADD COLUMN "published" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_brief_id_briefs_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."briefs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_version_id_brief_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."brief_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_brief_id_briefs_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."briefs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "corrections" ADD CONSTRAINT "corrections_brief_id_briefs_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."briefs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "corrections" ADD CONSTRAINT "corrections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "approvals_brief" ON "approvals" USING btree ("brief_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_brief" ON "audit_log" USING btree ("brief_id","id");--> statement-breakpoint
CREATE INDEX "corrections_brief" ON "corrections" USING btree ("brief_id","created_at");--> statement-breakpoint
ALTER TABLE "briefs" ADD CONSTRAINT "briefs_submitted_version_id_brief_versions_id_fk" FOREIGN KEY ("submitted_version_id") REFERENCES "public"."brief_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefs" ADD CONSTRAINT "briefs_approval_id_approvals_id_fk" FOREIGN KEY ("approval_id") REFERENCES "public"."approvals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefs" ADD CONSTRAINT "briefs_published_version_id_brief_versions_id_fk" FOREIGN KEY ("published_version_id") REFERENCES "public"."brief_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "briefs_review_queue" ON "briefs" USING btree ("state","updated_at");--> statement-breakpoint
ALTER TABLE "briefs" ADD CONSTRAINT "briefs_published_needs_version_and_date" CHECK (not "briefs"."published" or ("briefs"."published_version_id" is not null and "briefs"."published_checked_on" is not null and "briefs"."first_published_at" is not null));