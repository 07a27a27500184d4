CREATE TABLE `rate_limit_hits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`at_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rate_limit_hits_key_idx` ON `rate_limit_hits` (`scope`,`key`,`at_ms`);--> statement-breakpoint
CREATE INDEX `rate_limit_hits_scope_idx` ON `rate_limit_hits` (`scope`,`at_ms`);