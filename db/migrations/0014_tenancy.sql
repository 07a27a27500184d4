CREATE TABLE `company_email_domains` (
	`domain` text PRIMARY KEY NOT NULL,
	`company_id` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `enrolment_cycles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`course_slug` text NOT NULL,
	`cycle` integer NOT NULL,
	`plan_id` integer,
	`rule_id` integer,
	`opened_at` integer NOT NULL,
	`due_date` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`plan_id`) REFERENCES `funding_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rule_id`) REFERENCES `enrolment_rules`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `enrolment_cycles_unique` ON `enrolment_cycles` (`user_id`,`course_slug`,`cycle`);--> statement-breakpoint
CREATE TABLE `funding_plan_courses` (
	`plan_id` integer NOT NULL,
	`course_slug` text NOT NULL,
	PRIMARY KEY(`plan_id`, `course_slug`),
	FOREIGN KEY (`plan_id`) REFERENCES `funding_plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `funding_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`fund` text NOT NULL,
	`avviso` text,
	`title` text NOT NULL,
	`protocol` text,
	`project_title` text,
	`cup` text,
	`starts_on` text,
	`ends_on` text,
	`attendance_threshold` integer,
	`final_test_required` integer,
	`signer_name` text,
	`signer_role` text,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `funding_plans_company_idx` ON `funding_plans` (`company_id`);--> statement-breakpoint
DROP INDEX `course_completions_user_course_unique`;--> statement-breakpoint
ALTER TABLE `course_completions` ADD `cycle` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `course_completions` ADD `plan_id` integer REFERENCES funding_plans(id);--> statement-breakpoint
CREATE UNIQUE INDEX `course_completions_user_course_cycle_unique` ON `course_completions` (`user_id`,`course_slug`,`cycle`);--> statement-breakpoint
DROP INDEX `departments_name_unique`;--> statement-breakpoint
ALTER TABLE `departments` ADD `company_id` integer REFERENCES companies(id);--> statement-breakpoint
ALTER TABLE `departments` ADD `parent_id` integer REFERENCES departments(id);--> statement-breakpoint
CREATE UNIQUE INDEX `departments_company_name_unique` ON `departments` (`company_id`,`name`);--> statement-breakpoint
DROP INDEX `lesson_progress_user_lesson_unique`;--> statement-breakpoint
ALTER TABLE `lesson_progress` ADD `cycle` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `lesson_progress_user_lesson_cycle_unique` ON `lesson_progress` (`user_id`,`course_slug`,`lesson_slug`,`cycle`);--> statement-breakpoint
DROP INDEX `quiz_attempts_number_unique`;--> statement-breakpoint
ALTER TABLE `quiz_attempts` ADD `cycle` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_attempts_number_cycle_unique` ON `quiz_attempts` (`user_id`,`course_slug`,`quiz_id`,`cycle`,`attempt_number`);--> statement-breakpoint
ALTER TABLE `auth_sessions` ADD `company_id` integer REFERENCES companies(id);--> statement-breakpoint
ALTER TABLE `certificates` ADD `expires_at` integer;--> statement-breakpoint
ALTER TABLE `companies` ADD `address` text;--> statement-breakpoint
ALTER TABLE `companies` ADD `legal_representative` text;--> statement-breakpoint
ALTER TABLE `companies` ADD `logo` blob;--> statement-breakpoint
ALTER TABLE `companies` ADD `logo_type` text;--> statement-breakpoint
ALTER TABLE `companies` ADD `sender_name` text;--> statement-breakpoint
ALTER TABLE `companies` ADD `reply_to` text;--> statement-breakpoint
ALTER TABLE `companies` ADD `public_base_url` text;--> statement-breakpoint
ALTER TABLE `enrolment_rules` ADD `company_id` integer REFERENCES companies(id);--> statement-breakpoint
ALTER TABLE `enrolment_rules` ADD `plan_id` integer REFERENCES funding_plans(id);--> statement-breakpoint
ALTER TABLE `enrolment_rules` ADD `recur_months` integer;--> statement-breakpoint
ALTER TABLE `enrolments` ADD `plan_id` integer REFERENCES funding_plans(id);--> statement-breakpoint
ALTER TABLE `outbox` ADD `company_id` integer REFERENCES companies(id);--> statement-breakpoint
ALTER TABLE `people_imports` ADD `company_id` integer REFERENCES companies(id);--> statement-breakpoint
ALTER TABLE `user_roles` ADD `company_id` integer REFERENCES companies(id);--> statement-breakpoint
ALTER TABLE `user_roles` ADD `department_id` integer REFERENCES departments(id);--> statement-breakpoint
ALTER TABLE `user_roles` ADD `course_slugs` text;--> statement-breakpoint
-- Many client companies in one installation (issue #19). What follows carries a single-company
-- installation forward with nothing lost: its people, departments, rules and mails belong to its
-- company; its administrators become provider admins (they keep every power they had); one
-- funding plan holds its enrolments and completions (FUNDING_* fill it: db/migrate.ts).
INSERT INTO `companies` (`name`) SELECT 'Azienda' WHERE NOT EXISTS (SELECT 1 FROM `companies`) AND EXISTS (SELECT 1 FROM `users`);--> statement-breakpoint
UPDATE `users` SET `company_id` = (SELECT min(`id`) FROM `companies`) WHERE `company_id` IS NULL;--> statement-breakpoint
UPDATE `user_roles` SET `role` = 'provider_admin' WHERE `role` = 'admin';--> statement-breakpoint
UPDATE `departments` SET `company_id` = (SELECT min(`id`) FROM `companies`) WHERE `company_id` IS NULL;--> statement-breakpoint
INSERT OR IGNORE INTO `departments` (`name`, `company_id`)
  SELECT DISTINCT `department`, `company_id` FROM `users` WHERE `department` IS NOT NULL AND `department` <> '' AND `company_id` IS NOT NULL;--> statement-breakpoint
UPDATE `enrolment_rules` SET `company_id` = (SELECT min(`id`) FROM `companies`) WHERE `company_id` IS NULL;--> statement-breakpoint
INSERT INTO `funding_plans` (`company_id`, `fund`, `title`) SELECT `id`, 'non-finanziato', 'Piano formativo aziendale' FROM `companies` ORDER BY `id` LIMIT 1;--> statement-breakpoint
INSERT INTO `funding_plan_courses` (`plan_id`, `course_slug`)
  SELECT p.`id`, c.`course_slug` FROM `funding_plans` p, (
    SELECT `course_slug` FROM `enrolments` UNION SELECT `course_slug` FROM `enrolment_rules` UNION SELECT `course_slug` FROM `lesson_progress`
    UNION SELECT `course_slug` FROM `quiz_attempts` UNION SELECT `course_slug` FROM `course_completions`) c;--> statement-breakpoint
UPDATE `enrolments` SET `plan_id` = (SELECT min(`id`) FROM `funding_plans`);--> statement-breakpoint
UPDATE `enrolment_rules` SET `plan_id` = (SELECT min(`id`) FROM `funding_plans`);--> statement-breakpoint
-- A completion is never updated; its new plan column is filled once, here, with the trigger lifted.
DROP TRIGGER `course_completions_immutable`;--> statement-breakpoint
UPDATE `course_completions` SET `plan_id` = (SELECT min(`id`) FROM `funding_plans`);--> statement-breakpoint
CREATE TRIGGER `course_completions_immutable` BEFORE UPDATE ON `course_completions` BEGIN SELECT RAISE(ABORT, 'a completion record is never updated'); END;--> statement-breakpoint
UPDATE `outbox` SET `company_id` = coalesce((SELECT u.`company_id` FROM `users` u WHERE u.`id` = `outbox`.`user_id`), (SELECT min(`id`) FROM `companies`));--> statement-breakpoint
UPDATE `people_imports` SET `company_id` = (SELECT min(`id`) FROM `companies`);--> statement-breakpoint
-- Every department with each of its ancestors, itself included (UNION also stops a cycle).
CREATE VIEW `department_ancestors` AS
  WITH RECURSIVE a(`department_id`, `ancestor_id`) AS (
    SELECT `id`, `id` FROM `departments`
    UNION
    SELECT a.`department_id`, d.`parent_id` FROM a JOIN `departments` d ON d.`id` = a.`ancestor_id` WHERE d.`parent_id` IS NOT NULL
  )
  SELECT a.`department_id`, a.`ancestor_id`, dd.`company_id`, dd.`name` AS `department`, da.`name` AS `ancestor`
    FROM a JOIN `departments` dd ON dd.`id` = a.`department_id` JOIN `departments` da ON da.`id` = a.`ancestor_id`;--> statement-breakpoint
-- Learners only; a rule covers its own company's people (a department rule: that department and
-- the ones under it); each row says which plan it enrols into and which rule (null: by name).
DROP VIEW `effective_enrolments`;--> statement-breakpoint
CREATE VIEW `effective_enrolments` AS
  SELECT e.`user_id` AS `user_id`, e.`course_slug` AS `course_slug`, e.`due_date` AS `due_date`, 'person' AS `source`, e.`plan_id` AS `plan_id`, NULL AS `rule_id`
    FROM `enrolments` e
   WHERE EXISTS (SELECT 1 FROM `user_roles` lr WHERE lr.`user_id` = e.`user_id` AND lr.`role` = 'learner')
  UNION ALL
  SELECT u.`id`, r.`course_slug`, r.`due_date`, r.`scope`, r.`plan_id`, r.`id`
    FROM `enrolment_rules` r JOIN `users` u ON u.`company_id` = r.`company_id`
     AND (r.`scope` = 'everyone' OR (r.`scope` = 'department' AND (u.`department` = r.`department`
          OR EXISTS (SELECT 1 FROM `department_ancestors` da WHERE da.`company_id` = u.`company_id` AND da.`department` = u.`department` AND da.`ancestor` = r.`department`))))
   WHERE EXISTS (SELECT 1 FROM `user_roles` lr WHERE lr.`user_id` = u.`id` AND lr.`role` = 'learner');
--> statement-breakpoint
-- The expiry is evidence too: only a revocation may change a certificate row, and not its expiry.
DROP TRIGGER `certificates_only_revocation`;--> statement-breakpoint
CREATE TRIGGER `certificates_only_revocation` BEFORE UPDATE ON `certificates` WHEN OLD.`revoked_at` IS NOT NULL OR NEW.`revoked_at` IS NULL OR NEW.`code` IS NOT OLD.`code` OR NEW.`user_id` IS NOT OLD.`user_id` OR NEW.`course_slug` IS NOT OLD.`course_slug` OR NEW.`completion_id` IS NOT OLD.`completion_id` OR NEW.`issued_at` IS NOT OLD.`issued_at` OR NEW.`expires_at` IS NOT OLD.`expires_at` BEGIN SELECT RAISE(ABORT, 'a certificate can only be revoked, once'); END;
