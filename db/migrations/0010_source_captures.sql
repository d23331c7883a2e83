CREATE TYPE "public"."capture_state" AS ENUM('pending', 'captured', 'failed');--> statement-breakpoint
CREATE TABLE "capture_contents" (
	"sha256" text PRIMARY KEY NOT NULL,
	"media_type" text,
	"byte_length" integer NOT NULL,
	"compressed" "bytea" NOT NULL,
	"readable_text" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "capture_contents_sha256" CHECK ("capture_contents"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "source_captures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brief_id" uuid NOT NULL,
	"source_id" text NOT NULL,
	"url" text NOT NULL,
	"state" "capture_state" DEFAULT 'pending' NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"fetched_at" timestamp with time zone,
	"http_status" integer,
	"final_url" text,
	"content_sha256" text,
	"failure_reason" text,
	"failure_message" text,
	CONSTRAINT "source_captures_outcome" CHECK (("source_captures"."state" = 'pending') or ("source_captures"."fetched_at" is not null and ("source_captures"."state" = 'failed') = ("source_captures"."failure_reason" is not null)))
);
--> statement-breakpoint
ALTER TABLE "source_captures" ADD CONSTRAINT "source_captures_brief_id_briefs_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."briefs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_captures" ADD CONSTRAINT "source_captures_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_captures" ADD CONSTRAINT "source_captures_content_sha256_capture_contents_sha256_fk" FOREIGN KEY ("content_sha256") REFERENCES "public"."capture_contents"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "source_captures_source" ON "source_captures" USING btree ("brief_id","source_id","requested_at");--> statement-breakpoint
CREATE INDEX "source_captures_pending" ON "source_captures" USING btree ("requested_at") WHERE "source_captures"."state" = 'pending';