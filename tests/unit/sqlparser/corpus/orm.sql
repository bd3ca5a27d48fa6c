-- Statements as ORMs and query builders write them: backquoted or bare
-- identifiers, `?` placeholders (server-side prepared statements) or values
-- interpolated by the driver, LIMIT ?, IN (?, ?, ?), SELECT ... FOR UPDATE,
-- connection set-up, migrations and schema introspection.

-- ActiveRecord (Rails 7, mysql2 / trilogy adapter)
SET  @@SESSION.sql_mode = CONCAT(CONCAT(@@sql_mode, ',STRICT_ALL_TABLES'), ',NO_AUTO_VALUE_ON_ZERO'),  @@SESSION.sql_auto_is_null = 0, @@SESSION.wait_timeout = 2147483;
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci;
SELECT `schema_migrations`.`version` FROM `schema_migrations` ORDER BY `schema_migrations`.`version` ASC;
SELECT * FROM `ar_internal_metadata` WHERE `ar_internal_metadata`.`key` = 'environment' ORDER BY `ar_internal_metadata`.`key` ASC LIMIT 1;
SELECT `ar_internal_metadata`.* FROM `ar_internal_metadata` WHERE `ar_internal_metadata`.`key` = 'environment' LIMIT 1;
SELECT GET_LOCK('5316735616236577005', 0);
SELECT RELEASE_LOCK('5316735616236577005');
SELECT table_name FROM information_schema.tables WHERE table_schema = database() AND table_name = 'schema_migrations' AND table_type = 'BASE TABLE';
CREATE TABLE `schema_migrations` (`version` varchar(255) NOT NULL PRIMARY KEY);
CREATE TABLE `ar_internal_metadata` (`key` varchar(255) NOT NULL PRIMARY KEY, `value` varchar(255), `created_at` datetime(6) NOT NULL, `updated_at` datetime(6) NOT NULL);
INSERT INTO `ar_internal_metadata` (`key`, `value`, `created_at`, `updated_at`) VALUES ('environment', 'development', '2024-03-01 10:00:00.511437', '2024-03-01 10:00:00.511437');
CREATE TABLE `articles` (`id` bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, `user_id` bigint NOT NULL, `title` varchar(255) NOT NULL, `body` text, `published` boolean DEFAULT FALSE, `created_at` datetime(6) NOT NULL, `updated_at` datetime(6) NOT NULL, INDEX `index_articles_on_user_id` (`user_id`));
CREATE UNIQUE INDEX `index_articles_on_title` ON `articles` (`title`);
ALTER TABLE `articles` ADD `slug` varchar(255);
ALTER TABLE `articles` ADD CONSTRAINT `fk_rails_3d31dad1cc` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`);
ALTER TABLE `users` CHANGE `name` `name` varchar(100) DEFAULT NULL;
ALTER TABLE `articles` RENAME COLUMN `body` TO `content`;
ALTER TABLE `articles` RENAME INDEX `index_articles_on_user_id` TO `index_articles_on_author_id`;
ALTER TABLE `articles` DROP COLUMN `slug`;
ALTER TABLE `articles` DROP FOREIGN KEY `fk_rails_3d31dad1cc`;
DROP TABLE `articles`;
INSERT INTO `schema_migrations` (`version`) VALUES ('20240301100000');
SHOW FULL FIELDS FROM `users`;
SHOW KEYS FROM `users`;
SHOW CREATE TABLE `users`;
SELECT fk.referenced_table_name AS 'to_table', fk.referenced_column_name AS 'primary_key', fk.column_name AS 'column', fk.constraint_name AS 'name', rc.update_rule AS 'on_update', rc.delete_rule AS 'on_delete' FROM information_schema.referential_constraints rc JOIN information_schema.key_column_usage fk USING (constraint_schema, constraint_name) WHERE fk.referenced_column_name IS NOT NULL AND fk.table_schema = database() AND fk.table_name = 'posts' AND rc.constraint_schema = database() AND rc.table_name = 'posts';
SELECT `users`.* FROM `users` WHERE `users`.`id` = 1 LIMIT 1;
SELECT `users`.* FROM `users` WHERE `users`.`id` = ? LIMIT ?;
SELECT `users`.* FROM `users` WHERE `users`.`email` = 'ann@example.com' LIMIT 1;
SELECT 1 AS one FROM `users` WHERE `users`.`email` = BINARY 'ann@example.com' LIMIT 1;
SELECT 1 AS one FROM `users` WHERE `users`.`email` = 'ann@example.com' AND `users`.`id` != 1 LIMIT 1;
SELECT `posts`.* FROM `posts` WHERE `posts`.`user_id` IN (1, 2, 3);
SELECT `posts`.* FROM `posts` WHERE `posts`.`published` = TRUE ORDER BY `posts`.`published_at` DESC LIMIT 10 OFFSET 20;
SELECT COUNT(*) FROM `posts` WHERE `posts`.`user_id` = 1;
SELECT COUNT(*) AS `count_all`, `posts`.`user_id` AS `posts_user_id` FROM `posts` GROUP BY `posts`.`user_id`;
SELECT MAX(`posts`.`published_at`) FROM `posts`;
SELECT SUM(`posts`.`views_count`) FROM `posts` WHERE `posts`.`user_id` = 1;
SELECT `posts`.`id`, `posts`.`title` FROM `posts` INNER JOIN `users` ON `users`.`id` = `posts`.`user_id` WHERE `users`.`admin` = TRUE;
SELECT DISTINCT `users`.`id` FROM `users` LEFT OUTER JOIN `posts` ON `posts`.`user_id` = `users`.`id` WHERE `posts`.`id` IS NULL;
SELECT `users`.* FROM `users` WHERE `users`.`id` IN (SELECT `posts`.`user_id` FROM `posts` WHERE `posts`.`published` = TRUE);
SELECT `users`.* FROM `users` WHERE `users`.`id` = 1 LIMIT 1 FOR UPDATE;
SELECT `posts`.* FROM `posts` WHERE (title LIKE '%rails%') ORDER BY `posts`.`id` ASC LIMIT 1000;
SELECT `posts`.* FROM `posts` WHERE `posts`.`id` > 1000 ORDER BY `posts`.`id` ASC LIMIT 1000;
SELECT `posts`.`id` FROM `posts` WHERE `posts`.`user_id` = 1 AND NOT (`posts`.`published` = FALSE OR `posts`.`published` IS NULL);
SELECT `comments`.* FROM `comments` WHERE `comments`.`post_id` = 7 AND `comments`.`created_at` BETWEEN '2024-03-01 00:00:00' AND '2024-03-31 23:59:59.999999';
BEGIN;
INSERT INTO `users` (`email`, `encrypted_password`, `name`, `created_at`, `updated_at`) VALUES ('ann@example.com', '$2a$12$K1q1yN6vKXcR3Z0wH.Xy1eJkG9X6S0z8aQ5cYJr4oS3aW1e2R3t4u', 'Ann', '2024-03-01 10:00:00.123456', '2024-03-01 10:00:00.123456');
INSERT INTO `users` (`email`, `name`, `created_at`, `updated_at`) VALUES ('bob@example.com', 'Bob', '2024-03-01 10:00:01', '2024-03-01 10:00:01') RETURNING `id`;
SAVEPOINT active_record_1;
UPDATE `users` SET `users`.`sign_in_count` = 3, `users`.`last_sign_in_at` = '2024-03-02 08:00:00', `users`.`updated_at` = '2024-03-02 08:00:00.000001' WHERE `users`.`id` = 1;
RELEASE SAVEPOINT active_record_1;
SAVEPOINT active_record_2;
UPDATE `posts` SET `posts`.`views_count` = COALESCE(`posts`.`views_count`, 0) + 1 WHERE `posts`.`id` = 1;
ROLLBACK TO SAVEPOINT active_record_2;
UPDATE `posts` SET `posts`.`title` = 'New title', `posts`.`updated_at` = '2024-03-02 08:00:00', `posts`.`lock_version` = 3 WHERE `posts`.`id` = 1 AND `posts`.`lock_version` = 2;
DELETE FROM `comments` WHERE `comments`.`id` = 5;
DELETE FROM `comments` WHERE `comments`.`post_id` = 1;
COMMIT;
INSERT INTO `tags` (`name`,`taggings_count`) VALUES ('ruby', 0), ('sql', 0) ON DUPLICATE KEY UPDATE `name`=`name`;
INSERT INTO `tags` (`name`,`taggings_count`) VALUES ('ruby', 1) ON DUPLICATE KEY UPDATE `taggings_count`=VALUES(`taggings_count`);
ROLLBACK;

-- Hibernate 5 and 6 (MariaDBDialect, Connector/J with useServerPrepStmts)
select u1_0.id,u1_0.admin,u1_0.created_at,u1_0.email,u1_0.name,u1_0.updated_at from users u1_0 where u1_0.id=?;
select user0_.id as id1_0_0_, user0_.email as email2_0_0_, user0_.name as name3_0_0_ from users user0_ where user0_.id=?;
select p1_0.id,p1_0.title from posts p1_0 where p1_0.user_id=? order by p1_0.published_at desc limit ?,?;
select p1_0.id,p1_0.title from posts p1_0 where p1_0.user_id=? order by p1_0.id limit ? offset ?;
select count(*) from posts p1_0 where p1_0.user_id in (?,?,?);
select p1_0.id,p1_0.body,p1_0.user_id,u1_0.id,u1_0.email from posts p1_0 left join users u1_0 on u1_0.id=p1_0.user_id where p1_0.id=?;
select u1_0.id,u1_0.email from users u1_0 where lower(u1_0.email) like lower(?) escape '!';
select u1_0.id from users u1_0 where u1_0.email=? limit ?;
select u1_0.id,u1_0.name from users u1_0 where u1_0.id=? for update;
select u1_0.id,u1_0.name from users u1_0 where u1_0.id=? for update skip locked;
select u1_0.id,u1_0.name from users u1_0 where u1_0.id=? for update nowait;
select u1_0.id,u1_0.name from users u1_0 where u1_0.id=? for update wait 5;
select u1_0.id,u1_0.name from users u1_0 where u1_0.id=? lock in share mode;
select c1_0.post_id,count(c1_0.id) from comments c1_0 group by c1_0.post_id having count(c1_0.id)>? order by 2 desc;
select case when p1_0.published then 'live' else 'draft' end,p1_0.id from posts p1_0 where p1_0.created_at between ? and ?;
insert into users (admin,created_at,email,name,updated_at) values (?,?,?,?,?);
insert into comments (body,created_at,post_id,updated_at,user_id,id) values (?,?,?,?,?,?);
update posts set title=?,updated_at=?,lock_version=? where id=? and lock_version=?;
delete from comments where id=?;
delete from taggings where post_id=?;
select next_val as id_val from hibernate_sequence for update;
update hibernate_sequence set next_val= ? where next_val=?;

select nextval(post_seq);
create table hibernate_sequence (next_val bigint) engine=InnoDB;
insert into hibernate_sequence values ( 1 );

create table users (id bigint not null auto_increment, admin bit not null, created_at datetime(6), email varchar(255), name varchar(255), updated_at datetime(6), primary key (id)) engine=InnoDB;
alter table users add constraint UK_6dotkott2kjsp8vw4d0m25fb7 unique (email);
alter table posts add constraint FK5lidm6cqbc7u4xhqpxm898qme foreign key (user_id) references users (id);
drop table if exists comments cascade;


-- Prisma (MySQL connector: schema-qualified backquoted names, `?` everywhere)
SELECT `app`.`users`.`id`, `app`.`users`.`email`, `app`.`users`.`name` FROM `app`.`users` WHERE `app`.`users`.`id` = ? LIMIT ? OFFSET ?;
SELECT `app`.`posts`.`id`, `app`.`posts`.`title` FROM `app`.`posts` WHERE (`app`.`posts`.`published` = ? AND `app`.`posts`.`user_id` IN (?,?,?)) ORDER BY `app`.`posts`.`id` ASC LIMIT ? OFFSET ?;
SELECT `t1`.`id`, `t1`.`email` FROM `app`.`users` AS `t1` WHERE `t1`.`email` = ? LIMIT ? OFFSET ?;
SELECT COUNT(*) AS `_count._all` FROM (SELECT `app`.`posts`.`id` FROM `app`.`posts` WHERE 1=1 LIMIT ? OFFSET ?) AS `sub`;
SELECT `app`.`posts`.`user_id`, COUNT(`app`.`posts`.`id`) AS `_count.id` FROM `app`.`posts` WHERE 1=1 GROUP BY `app`.`posts`.`user_id`;
INSERT INTO `app`.`users` (`email`,`name`,`created_at`,`updated_at`) VALUES (?,?,?,?);
UPDATE `app`.`users` SET `name` = ? WHERE (`app`.`users`.`id` = ? AND 1=1);
DELETE FROM `app`.`posts` WHERE (`app`.`posts`.`id` IN (?) AND (`app`.`posts`.`id` = ? AND 1=1));
SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;
SELECT `id`, `checksum`, `finished_at`, `migration_name`, `logs`, `rolled_back_at`, `started_at`, `applied_steps_count` FROM `_prisma_migrations` ORDER BY `started_at` ASC;
INSERT INTO _prisma_migrations (id, checksum, started_at, finished_at, migration_name, applied_steps_count) VALUES (?, ?, now(3), ?, ?, 0);
SELECT GET_LOCK(?, -1);
CREATE TABLE `Account` (
    `id` VARCHAR(191) NOT NULL,
    `userId` BIGINT NOT NULL,
    `provider` VARCHAR(191) NOT NULL,
    `providerAccountId` VARCHAR(191) NOT NULL,
    `refresh_token` TEXT NULL,
    `expires_at` INTEGER NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `Account_provider_providerAccountId_key`(`provider`, `providerAccountId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE INDEX `Account_userId_idx` ON `Account`(`userId`);
ALTER TABLE `Account` ADD CONSTRAINT `Account_userId_fkey` FOREIGN KEY (`userId`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
SELECT `Account`.`id`, `Account`.`userId` FROM `Account` WHERE `Account`.`provider` = ? AND `Account`.`providerAccountId` = ? LIMIT ? OFFSET ?;

-- SQLAlchemy 1.4 / 2.0 (connect probes, ORM, Core, Alembic)
SHOW VARIABLES LIKE 'sql_mode';
SHOW VARIABLES LIKE 'lower_case_table_names';
SELECT CAST('test plain returns' AS CHAR(60)) AS anon_1;
SELECT CAST('test unicode returns' AS CHAR(60)) AS anon_1;
SHOW COLLATION WHERE `Charset` = 'utf8mb4' AND `Collation` = 'utf8mb4_bin';
SELECT @@tx_isolation;
SELECT @@transaction_isolation;
SELECT DATABASE();
SELECT users.id AS users_id, users.email AS users_email, users.name AS users_name FROM users WHERE users.id = 1;
SELECT users.id, users.email, users.name FROM users WHERE users.id = ?;
SELECT users.id, users.email, users.name FROM users WHERE users.id IN (?, ?, ?);
SELECT users.id, users.name FROM users ORDER BY users.id LIMIT ?, ?;
SELECT users.id, users.name FROM users ORDER BY users.name DESC LIMIT ?;
SELECT count(*) AS count_1 FROM (SELECT users.id AS users_id FROM users WHERE users.name LIKE concat('%', ?, '%')) AS anon_1;
SELECT users.id AS users_id, posts_1.id AS posts_1_id, posts_1.title AS posts_1_title FROM users LEFT OUTER JOIN posts AS posts_1 ON users.id = posts_1.user_id ORDER BY posts_1.id;
SELECT anon_1.users_id, anon_1.users_name FROM (SELECT users.id AS users_id, users.name AS users_name FROM users WHERE users.admin = true LIMIT 10) AS anon_1;
SELECT users.id FROM users WHERE users.id = ? FOR UPDATE;
SELECT users.id FROM users WHERE users.id = ? LOCK IN SHARE MODE;
SELECT users.id FROM users WHERE users.id = ? FOR UPDATE SKIP LOCKED;
SELECT EXISTS (SELECT * FROM users WHERE users.email = ?) AS anon_1;
INSERT INTO users (email, name, created_at, updated_at) VALUES (?, ?, ?, ?);
INSERT INTO users (email, name, created_at, updated_at) VALUES ('a@example.com', 'A', now(), now()), ('b@example.com', 'B', now(), now());
UPDATE users SET name=? WHERE users.id = ?;
UPDATE users SET name='Bob', updated_at=now() WHERE users.id = 2;
DELETE FROM users WHERE users.id = ?;
SELECT alembic_version.version_num FROM alembic_version;
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version (version_num) VALUES ('1975ea83b712');
UPDATE alembic_version SET version_num='ae1027a6acf' WHERE alembic_version.version_num = '1975ea83b712';
SHOW FULL TABLES FROM `app`;
DESCRIBE `users`;

-- Django (mysqlclient; values interpolated by the driver)
SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED;
SELECT VERSION();
SELECT @@SQL_AUTO_IS_NULL;
SELECT `django_migrations`.`id`, `django_migrations`.`app`, `django_migrations`.`name`, `django_migrations`.`applied` FROM `django_migrations`;
INSERT INTO `django_migrations` (`app`, `name`, `applied`) VALUES ('auth', '0001_initial', '2024-03-01 10:00:00.000000');
SELECT (1) AS `a` FROM `users` WHERE `users`.`email` = 'ann@example.com' LIMIT 1;
SELECT `posts`.`id`, `posts`.`title` FROM `posts` WHERE `posts`.`title` LIKE BINARY '%rails%' LIMIT 21;
SELECT `posts`.`id`, `posts`.`title` FROM `posts` WHERE `posts`.`title` LIKE '%rails%' ORDER BY `posts`.`published_at` DESC LIMIT 10 OFFSET 20;
SELECT `posts`.`id` FROM `posts` WHERE (`posts`.`published` AND `posts`.`user_id` IN (SELECT U0.`id` FROM `users` U0 WHERE U0.`admin`));
UPDATE `posts` SET `views_count` = (`posts`.`views_count` + 1) WHERE `posts`.`id` = 1;
INSERT INTO `tags` (`name`, `taggings_count`) VALUES ('a', 0), ('b', 0);
SELECT COUNT(*) AS `__count` FROM `posts` WHERE `posts`.`created_at` >= '2024-01-01 00:00:00';
SELECT `users`.`id`, `users`.`email` FROM `users` WHERE `users`.`name` IS NULL ORDER BY `users`.`id` ASC;

-- Sequelize, TypeORM, Doctrine DBAL, GORM, jOOQ
SELECT `id`, `email`, `name`, `created_at`, `updated_at` FROM `users` AS `User` WHERE `User`.`id` = 1;
INSERT INTO `users` (`id`,`email`,`created_at`,`updated_at`) VALUES (DEFAULT,?,?,?);
SELECT 1+1 AS result;
SHOW INDEX FROM `users` FROM `app`;
SELECT `User`.`id` AS `User_id`, `User`.`email` AS `User_email` FROM `users` `User` WHERE `User`.`id` IN (?);
SELECT VERSION() AS `version`;
START TRANSACTION;
SELECT t0.id AS id_1, t0.email AS email_2 FROM users t0 WHERE t0.id = ?;
SELECT * FROM `users` WHERE `users`.`id` = ? AND `users`.`deleted_at` IS NULL ORDER BY `users`.`id` LIMIT 1;
UPDATE `users` SET `deleted_at`='2024-03-01 10:00:00.123' WHERE `users`.`id` = 3 AND `users`.`deleted_at` IS NULL;
select `app`.`users`.`id`, `app`.`users`.`email` from `app`.`users` where `app`.`users`.`id` = ?;
COMMIT;
