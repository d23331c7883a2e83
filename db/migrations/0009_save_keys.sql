CREATE TABLE "brief_save_keys" (
	"key" uuid PRIMARY KEY NOT NULL,
	"brief_id" uuid NOT NULL,
	"actor_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "brief_save_keys" ADD CONSTRAINT "brief_save_keys_brief_id_briefs_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."briefs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_save_keys" ADD CONSTRAINT "brief_save_keys_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "brief_save_keys_updated_at" ON "brief_save_keys" USING btree ("updated_at");