CREATE TABLE `heartbeat_daily` (
	`user_id` integer NOT NULL,
	`course_slug` text NOT NULL,
	`lesson_slug` text NOT NULL,
	`day` text NOT NULL,
	`beats` integer NOT NULL,
	`credited_seconds` integer NOT NULL,
	PRIMARY KEY(`user_id`, `course_slug`, `lesson_slug`, `day`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
