CREATE TABLE "brief_save_attempts" (
	"key" uuid PRIMARY KEY NOT NULL,
	"brief_id" uuid NOT NULL,
	"actor_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "brief_save_attempts" ADD CONSTRAINT "brief_save_attempts_brief_id_briefs_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."briefs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_save_attempts" ADD CONSTRAINT "brief_save_attempts_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "brief_save_attempts_brief_created" ON "brief_save_attempts" USING btree ("brief_id","created_at");