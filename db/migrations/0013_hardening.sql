ALTER TABLE `account_tokens` ADD `requested_from` text;--> statement-breakpoint
ALTER TABLE `lesson_progress` ADD `last_opened_session_id` text;