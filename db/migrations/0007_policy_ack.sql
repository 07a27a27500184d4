CREATE TABLE `policy_acknowledgements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`policy_version` text NOT NULL,
	`course_slug` text,
	`acknowledged_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `policy_ack_user_version_unique` ON `policy_acknowledgements` (`user_id`,`policy_version`);