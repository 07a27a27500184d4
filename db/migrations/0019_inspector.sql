ALTER TABLE `user_roles` ADD `plan_id` integer REFERENCES funding_plans(id);--> statement-breakpoint
ALTER TABLE `user_roles` ADD `expires_at` integer;