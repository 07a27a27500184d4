CREATE TABLE `certificates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`user_id` integer NOT NULL,
	`course_slug` text NOT NULL,
	`completion_id` integer NOT NULL,
	`issued_at` integer NOT NULL,
	`revoked_at` integer,
	`revoked_reason` text,
	`revoked_by` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`completion_id`) REFERENCES `course_completions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_code_unique` ON `certificates` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_completion_unique` ON `certificates` (`completion_id`);--> statement-breakpoint
CREATE INDEX `certificates_course_idx` ON `certificates` (`course_slug`,`issued_at`);--> statement-breakpoint
ALTER TABLE `companies` ADD `city` text;--> statement-breakpoint
ALTER TABLE `companies` ADD `signer_name` text;--> statement-breakpoint
ALTER TABLE `companies` ADD `signer_role` text;--> statement-breakpoint
CREATE TRIGGER `certificates_only_revocation` BEFORE UPDATE ON `certificates` WHEN OLD.`revoked_at` IS NOT NULL OR NEW.`revoked_at` IS NULL OR NEW.`code` IS NOT OLD.`code` OR NEW.`user_id` IS NOT OLD.`user_id` OR NEW.`course_slug` IS NOT OLD.`course_slug` OR NEW.`completion_id` IS NOT OLD.`completion_id` OR NEW.`issued_at` IS NOT OLD.`issued_at` BEGIN SELECT RAISE(ABORT, 'a certificate can only be revoked, once'); END;
--> statement-breakpoint
CREATE TRIGGER `certificates_no_delete` BEFORE DELETE ON `certificates` BEGIN SELECT RAISE(ABORT, 'certificates are never deleted'); END;
