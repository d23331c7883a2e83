CREATE TABLE "completed_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brief_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"approval_id" uuid,
	"ticked" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "completed_reviews_outcome" CHECK ("completed_reviews"."outcome" in ('approved', 'changes_requested') and ("completed_reviews"."outcome" = 'approved') = ("completed_reviews"."approval_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "review_ticks" (
	"version_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"source_id" text NOT NULL,
	"brief_id" uuid NOT NULL,
	"ticked" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_ticks_version_id_reviewer_id_source_id_pk" PRIMARY KEY("version_id","reviewer_id","source_id")
);
--> statement-breakpoint
ALTER TABLE "completed_reviews" ADD CONSTRAINT "completed_reviews_brief_id_briefs_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."briefs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "completed_reviews" ADD CONSTRAINT "completed_reviews_version_id_brief_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."brief_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "completed_reviews" ADD CONSTRAINT "completed_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "completed_reviews" ADD CONSTRAINT "completed_reviews_approval_id_approvals_id_fk" FOREIGN KEY ("approval_id") REFERENCES "public"."approvals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_ticks" ADD CONSTRAINT "review_ticks_version_id_brief_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."brief_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_ticks" ADD CONSTRAINT "review_ticks_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_ticks" ADD CONSTRAINT "review_ticks_brief_id_briefs_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."briefs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "completed_reviews_brief" ON "completed_reviews" USING btree ("brief_id","created_at");