CREATE TABLE `course_completions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`course_slug` text NOT NULL,
	`course_version` text NOT NULL,
	`completed_at` integer NOT NULL,
	`active_seconds` integer NOT NULL,
	`planned_minutes` integer NOT NULL,
	`attendance_percent` real NOT NULL,
	`final_score_percent` real,
	`final_attempt_id` integer,
	`lesson_hashes` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`final_attempt_id`) REFERENCES `quiz_attempts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `course_completions_user_course_unique` ON `course_completions` (`user_id`,`course_slug`);--> statement-breakpoint
CREATE TABLE `heartbeats` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`auth_session_id` text,
	`course_slug` text NOT NULL,
	`lesson_slug` text NOT NULL,
	`received_at` integer NOT NULL,
	`credited_seconds` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`auth_session_id`) REFERENCES `auth_sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `heartbeats_received_idx` ON `heartbeats` (`received_at`);--> statement-breakpoint
CREATE INDEX `heartbeats_user_idx` ON `heartbeats` (`user_id`,`received_at`);--> statement-breakpoint
CREATE TABLE `learner_clocks` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`last_credited_at_ms` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `privacy_acknowledgements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`notice_version` text NOT NULL,
	`acknowledged_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `privacy_ack_user_version_unique` ON `privacy_acknowledgements` (`user_id`,`notice_version`);--> statement-breakpoint
ALTER TABLE `auth_sessions` ADD `active_seconds` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `lesson_progress` ADD `active_seconds` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `lesson_progress` ADD `last_heartbeat_at` integer;--> statement-breakpoint
CREATE TRIGGER `course_completions_immutable` BEFORE UPDATE ON `course_completions` BEGIN SELECT RAISE(ABORT, 'a completion record is never updated'); END;
--> statement-breakpoint
CREATE TRIGGER `course_completions_no_delete` BEFORE DELETE ON `course_completions` BEGIN SELECT RAISE(ABORT, 'a completion record is never deleted'); END;
