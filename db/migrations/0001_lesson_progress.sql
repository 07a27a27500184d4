CREATE TABLE `lesson_progress` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`course_slug` text NOT NULL,
	`lesson_slug` text NOT NULL,
	`first_opened_at` integer NOT NULL,
	`opened_content_hash` text NOT NULL,
	`completed_at` integer,
	`completed_content_hash` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lesson_progress_user_lesson_unique` ON `lesson_progress` (`user_id`,`course_slug`,`lesson_slug`);