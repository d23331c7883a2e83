CREATE TYPE "public"."brief_state" AS ENUM('draft', 'in_review', 'changes_requested', 'approved');--> statement-breakpoint
CREATE TYPE "public"."version_kind" AS ENUM('autosave', 'save', 'restore', 'import');--> statement-breakpoint
CREATE TABLE "brief_presence" (
	"brief_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "brief_presence_brief_id_user_id_pk" PRIMARY KEY("brief_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "brief_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brief_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"kind" "version_kind" NOT NULL,
	"author_id" uuid NOT NULL,
	"base_number" integer,
	"restored_from" integer,
	"content" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"frozen" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "brief_versions_number_positive" CHECK ("brief_versions"."number" > 0)
);
--> statement-breakpoint
CREATE TABLE "briefs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"question" text DEFAULT '' NOT NULL,
	"state" "brief_state" DEFAULT 'draft' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"head_version_id" uuid,
	"head_number" integer DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "briefs_revision_positive" CHECK ("briefs"."revision" > 0)
);
--> statement-breakpoint
ALTER TABLE "brief_presence" ADD CONSTRAINT "brief_presence_brief_id_briefs_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."briefs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_presence" ADD CONSTRAINT "brief_presence_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_versions" ADD CONSTRAINT "brief_versions_brief_id_briefs_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."briefs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_versions" ADD CONSTRAINT "brief_versions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefs" ADD CONSTRAINT "briefs_head_version_id_brief_versions_id_fk" FOREIGN KEY ("head_version_id") REFERENCES "public"."brief_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefs" ADD CONSTRAINT "briefs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "brief_versions_brief_number" ON "brief_versions" USING btree ("brief_id","number" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "briefs_updated_at" ON "briefs" USING btree ("updated_at" DESC NULLS LAST);