CREATE TYPE "public"."archive_state" AS ENUM('pending', 'archived', 'failed');--> statement-breakpoint
CREATE TABLE "source_archives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brief_id" uuid NOT NULL,
	"source_id" text NOT NULL,
	"url" text NOT NULL,
	"state" "archive_state" DEFAULT 'pending' NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"finished_at" timestamp with time zone,
	"archive_url" text,
	"archived_at" timestamp with time zone,
	"failure_message" text,
	CONSTRAINT "source_archives_outcome" CHECK (("source_archives"."state" = 'pending') or ("source_archives"."finished_at" is not null and ("source_archives"."state" = 'archived') = ("source_archives"."archive_url" is not null and "source_archives"."archived_at" is not null) and ("source_archives"."state" = 'failed') = ("source_archives"."failure_message" is not null)))
);
--> statement-breakpoint
ALTER TABLE "source_archives" ADD CONSTRAINT "source_archives_brief_id_briefs_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."briefs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_archives" ADD CONSTRAINT "source_archives_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "source_archives_source" ON "source_archives" USING btree ("brief_id","source_id","requested_at");--> statement-breakpoint
CREATE INDEX "source_archives_pending" ON "source_archives" USING btree ("requested_at") WHERE "source_archives"."state" = 'pending';