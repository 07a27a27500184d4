CREATE TABLE `exercise_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`course_slug` text NOT NULL,
	`exercise_id` text NOT NULL,
	`kind` text NOT NULL,
	`auth_session_id` text,
	`content_hash` text NOT NULL,
	`answers` text NOT NULL,
	`results` text NOT NULL,
	`score` real NOT NULL,
	`submitted_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`auth_session_id`) REFERENCES `auth_sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `exercise_attempts_course_idx` ON `exercise_attempts` (`course_slug`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `exercise_attempts_user_idx` ON `exercise_attempts` (`user_id`,`course_slug`,`exercise_id`);