CREATE TABLE "licensing_customers" (
	"org_id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "licensing_customers_customer_id_unique" UNIQUE("customer_id")
);
--> statement-breakpoint
CREATE TABLE "licensing_licenses" (
	"org_id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"subscription_id" text,
	"plan" text,
	"price_id" text,
	"item_id" text,
	"status" text NOT NULL,
	"seat_limit" integer DEFAULT 0 NOT NULL,
	"seats_used" integer DEFAULT 0 NOT NULL,
	"current_period_end" timestamp (6) with time zone,
	"cancel_at_period_end" boolean DEFAULT false NOT NULL,
	"past_due_since" timestamp (6) with time zone,
	"synced_at" timestamp (6) with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"mirrored_version" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "licensing_licenses_seats_used_check" CHECK ("licensing_licenses"."seats_used" >= 0)
);
--> statement-breakpoint
CREATE TABLE "licensing_seats" (
	"org_id" text NOT NULL,
	"user_id" text NOT NULL,
	"assigned_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"assigned_by" text,
	"revoked_at" timestamp (6) with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"mirrored_version" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "licensing_seats_org_id_user_id_pk" PRIMARY KEY("org_id","user_id")
);
--> statement-breakpoint
CREATE INDEX "licensing_seats_org_assigned_idx" ON "licensing_seats" USING btree ("org_id","assigned_at");