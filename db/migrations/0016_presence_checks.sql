CREATE TABLE `presence_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`auth_session_id` text,
	`plan_id` integer NOT NULL,
	`course_slug` text NOT NULL,
	`lesson_slug` text NOT NULL,
	`cycle` integer DEFAULT 1 NOT NULL,
	`question` text NOT NULL,
	`asked_at_ms` integer NOT NULL,
	`answered_at_ms` integer,
	`answer` integer,
	`correct` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`auth_session_id`) REFERENCES `auth_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`plan_id`) REFERENCES `funding_plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `presence_checks_user_idx` ON `presence_checks` (`user_id`,`asked_at_ms`);--> statement-breakpoint
CREATE INDEX `presence_checks_plan_idx` ON `presence_checks` (`plan_id`,`user_id`);--> statement-breakpoint
ALTER TABLE `funding_plans` ADD `presence_check_seconds` integer;--> statement-breakpoint
-- Evidence: a check is answered once (only the answer, its time and correctness may be filled in, from nothing), then never changed, and never deleted.
CREATE TRIGGER `presence_checks_answered_once` BEFORE UPDATE ON `presence_checks` WHEN OLD.`answered_at_ms` IS NOT NULL OR NEW.`answered_at_ms` IS NULL OR NEW.`answer` IS NULL OR NEW.`correct` IS NULL OR NEW.`id` IS NOT OLD.`id` OR NEW.`user_id` IS NOT OLD.`user_id` OR NEW.`auth_session_id` IS NOT OLD.`auth_session_id` OR NEW.`plan_id` IS NOT OLD.`plan_id` OR NEW.`course_slug` IS NOT OLD.`course_slug` OR NEW.`lesson_slug` IS NOT OLD.`lesson_slug` OR NEW.`cycle` IS NOT OLD.`cycle` OR NEW.`question` IS NOT OLD.`question` OR NEW.`asked_at_ms` IS NOT OLD.`asked_at_ms` OR NEW.`answered_at_ms` < OLD.`asked_at_ms` BEGIN SELECT RAISE(ABORT, 'a presence check is answered once and never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `presence_checks_no_delete` BEFORE DELETE ON `presence_checks` BEGIN SELECT RAISE(ABORT, 'presence checks are never deleted'); END;
