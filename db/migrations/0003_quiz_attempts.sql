CREATE TABLE `quiz_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`course_slug` text NOT NULL,
	`quiz_id` text NOT NULL,
	`kind` text NOT NULL,
	`attempt_number` integer NOT NULL,
	`auth_session_id` text,
	`quiz_content_hash` text NOT NULL,
	`questions` text NOT NULL,
	`started_at` integer NOT NULL,
	`expires_at` integer,
	`submitted_at` integer,
	`answers` text,
	`score_percent` real,
	`correct_count` integer,
	`total_questions` integer NOT NULL,
	`passed` integer,
	`results` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`auth_session_id`) REFERENCES `auth_sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_attempts_number_unique` ON `quiz_attempts` (`user_id`,`course_slug`,`quiz_id`,`attempt_number`);--> statement-breakpoint
CREATE INDEX `quiz_attempts_course_idx` ON `quiz_attempts` (`course_slug`,`kind`,`submitted_at`);--> statement-breakpoint
CREATE TRIGGER `quiz_attempts_frozen_after_submit` BEFORE UPDATE ON `quiz_attempts` WHEN OLD.`submitted_at` IS NOT NULL BEGIN SELECT RAISE(ABORT, 'a submitted quiz attempt cannot change'); END;
--> statement-breakpoint
CREATE TRIGGER `quiz_attempts_no_delete` BEFORE DELETE ON `quiz_attempts` BEGIN SELECT RAISE(ABORT, 'quiz attempts are never deleted'); END;
