CREATE TABLE `company_texts` (
	`company_id` integer NOT NULL,
	`key` text NOT NULL,
	`locale` text NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	PRIMARY KEY(`company_id`, `key`, `locale`),
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `policy_acknowledgements` ADD `text_hash` text;--> statement-breakpoint
ALTER TABLE `policy_acknowledgements` ADD `locale` text;--> statement-breakpoint
ALTER TABLE `privacy_acknowledgements` ADD `text_hash` text;--> statement-breakpoint
ALTER TABLE `privacy_acknowledgements` ADD `locale` text;--> statement-breakpoint
-- Only learners are enrolled: an "everyone" rule no longer takes in admins and trainers, who
-- can never complete a course and must not be counted or chased (lib/reports/status.ts).
DROP VIEW `effective_enrolments`;--> statement-breakpoint
CREATE VIEW `effective_enrolments` AS
  SELECT e.user_id AS user_id, e.course_slug AS course_slug, e.due_date AS due_date, 'person' AS source
    FROM enrolments e
   WHERE EXISTS (SELECT 1 FROM user_roles lr WHERE lr.user_id = e.user_id AND lr.role = 'learner')
  UNION ALL
  SELECT u.id, r.course_slug, r.due_date, r.scope
    FROM enrolment_rules r JOIN users u ON r.scope = 'everyone' OR (r.scope = 'department' AND u.department = r.department)
   WHERE EXISTS (SELECT 1 FROM user_roles lr WHERE lr.user_id = u.id AND lr.role = 'learner');
