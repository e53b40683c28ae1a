CREATE TABLE "data_change_horizon" (
	"id" varchar(1) PRIMARY KEY DEFAULT 'x' NOT NULL,
	"xid" "xid8" DEFAULT '0'::xid8 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_changes" (
	"domain" varchar(20) NOT NULL,
	"xid" "xid8" NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_changes_domain_xid_pk" PRIMARY KEY("domain","xid")
);
