CREATE TABLE "licensing_signups" (
	"user_id" text PRIMARY KEY NOT NULL,
	"org_id" text,
	"organization_name" text,
	"plan" text,
	"seats" integer,
	"checkout_session_id" text,
	"attempt" integer DEFAULT 0 NOT NULL,
	"lease_token" text,
	"lease_until" timestamp (6) with time zone,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL
);
