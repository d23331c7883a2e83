CREATE TABLE "quote_checks" (
	"content_sha256" text NOT NULL,
	"quote_key" text NOT NULL,
	"found" boolean NOT NULL,
	"before" text,
	"match" text,
	"after" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quote_checks_content_sha256_quote_key_pk" PRIMARY KEY("content_sha256","quote_key"),
	CONSTRAINT "quote_checks_passage" CHECK ("quote_checks"."found" = ("quote_checks"."match" is not null and "quote_checks"."before" is not null and "quote_checks"."after" is not null))
);
--> statement-breakpoint
ALTER TABLE "quote_checks" ADD CONSTRAINT "quote_checks_content_sha256_capture_contents_sha256_fk" FOREIGN KEY ("content_sha256") REFERENCES "public"."capture_contents"("sha256") ON DELETE no action ON UPDATE no action;