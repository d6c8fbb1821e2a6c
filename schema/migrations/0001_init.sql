CREATE TABLE `resources` (
	`tenant` text NOT NULL,
	`type` text NOT NULL,
	`mesh` text NOT NULL,
	`name` text NOT NULL,
	`labels` text NOT NULL,
	`spec` text NOT NULL,
	`status` text,
	`version` integer NOT NULL,
	`creation_time` text NOT NULL,
	`modification_time` text NOT NULL,
	PRIMARY KEY(`tenant`, `type`, `mesh`, `name`)
);

CREATE INDEX `resources_by_name` ON `resources` (`tenant`,`type`,`name`,`mesh`);
CREATE INDEX `resources_by_mesh` ON `resources` (`tenant`,`mesh`);
CREATE TABLE `revisions` (
	`tenant` text NOT NULL,
	`mesh` text NOT NULL,
	`revision` integer NOT NULL,
	PRIMARY KEY(`tenant`, `mesh`)
);

CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`type` text NOT NULL,
	`mesh` text NOT NULL,
	`name` text NOT NULL,
	`old_version` integer,
	`new_version` integer,
	`time` text NOT NULL
);

CREATE INDEX `audit_by_tenant` ON `audit_log` (`tenant`,`id`);
CREATE TABLE `signing_keys` (
	`tenant` text NOT NULL,
	`kid` text NOT NULL,
	`alg` text NOT NULL,
	`public_jwk` text NOT NULL,
	`private_jwk` text NOT NULL,
	`created_at` text NOT NULL,
	`active` integer NOT NULL,
	`retired_at` text,
	PRIMARY KEY(`tenant`, `kid`)
);

CREATE TABLE `tenants` (
	`name` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL
);

CREATE TABLE `tokens` (
	`tenant` text NOT NULL,
	`jti` text NOT NULL,
	`subject` text NOT NULL,
	`role` text NOT NULL,
	`kind` text NOT NULL,
	`kid` text NOT NULL,
	`issued_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	PRIMARY KEY(`tenant`, `jti`)
);

CREATE INDEX `tokens_by_issued` ON `tokens` (`tenant`,`issued_at`);