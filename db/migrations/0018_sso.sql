CREATE TABLE `company_sso` (
	`company_id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`issuer` text NOT NULL,
	`tenant` text,
	`hosted_domain` text,
	`client_id` text NOT NULL,
	`client_secret_enc` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`jit_create` integer DEFAULT false NOT NULL,
	`passwords_off_for_learners` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sso_identities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`company_id` integer NOT NULL,
	`issuer` text NOT NULL,
	`subject` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`last_sign_in_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sso_identities_subject_unique` ON `sso_identities` (`issuer`,`subject`);--> statement-breakpoint
CREATE UNIQUE INDEX `sso_identities_user_issuer_unique` ON `sso_identities` (`user_id`,`issuer`);