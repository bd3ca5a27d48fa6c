-- Fixture of the corpus integration test: run before each corpus file, on a
-- connection with no default database, so that most corpus statements find
-- the databases, tables, columns and programs they name and really execute.
-- The corpus file then runs with `corpus` as its default database.

DROP DATABASE IF EXISTS corpus;
DROP DATABASE IF EXISTS ks;
DROP DATABASE IF EXISTS app;
DROP DATABASE IF EXISTS shop;
DROP DATABASE IF EXISTS `my-db`;
DROP DATABASE IF EXISTS corpus_db2;
DROP DATABASE IF EXISTS corpus_db3;
DROP USER IF EXISTS 'corpus_user'@'%', 'corpus_ro'@'localhost', corpus_tmp@localhost, corpus_tmp2@localhost;
DROP ROLE IF EXISTS corpus_reader;
SET GLOBAL read_only = OFF;
CREATE DATABASE corpus DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
CREATE DATABASE ks DEFAULT CHARACTER SET utf8mb4;
CREATE DATABASE app DEFAULT CHARACTER SET utf8mb4;
CREATE DATABASE `my-db`;

-- sysbench
CREATE TABLE corpus.sbtest1 (id INTEGER NOT NULL AUTO_INCREMENT, k INTEGER DEFAULT '0' NOT NULL, c CHAR(120) DEFAULT '' NOT NULL, pad CHAR(60) DEFAULT '' NOT NULL, PRIMARY KEY (id), KEY k_1 (k));
INSERT INTO corpus.sbtest1 (id, k, c, pad) VALUES (1, 1, 'c1', 'p1'), (2, 2, 'c2', 'p2'), (42, 4993, 'c42', 'p42'), (5012, 5000, 'c5012', 'p5012');
CREATE TABLE ks.sbtest1 LIKE corpus.sbtest1;

-- statement shapes
CREATE TABLE corpus.t (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  a INT, b INT, c VARCHAR(64), d DATETIME, e INT, f INT, s VARCHAR(64),
  status VARCHAR(16), date DATE, `key` INT, `order` INT, value INT, comment TEXT, `select` INT,
  k INT, j JSON, title VARCHAR(200), body TEXT,
  KEY k_1 (k), KEY k_old (a), FULLTEXT KEY ft_title_body (title, body)
) ENGINE=InnoDB;
INSERT INTO corpus.t (id, a, b, c, d, e, f, s, status, date, k, j, title, body) VALUES
  (1, 1, 10, 'x', '2024-03-01 10:00:00', 1, 2, 'abcdef', 'ok', '2024-03-01', 1, '{"a": 1, "b": [1, 2], "c": {"d": 1}}', 'database proxy', 'sql routing'),
  (2, 2, 20, 'y', '2024-03-02 11:00:00', NULL, 3, 'ghijkl', 'ok', '2024-03-02', 2, '{"a": 2}', 'sharding', 'vitess style'),
  (3, 2, NULL, NULL, NULL, 5, NULL, NULL, 'bad', NULL, NULL, NULL, 'nothing', 'else');
CREATE TABLE corpus.u (id INT NOT NULL PRIMARY KEY, a INT, b INT, c VARCHAR(64), `select` INT);
INSERT INTO corpus.u VALUES (1, 1, 5, 'x', 0), (2, 3, 50, 'z', 1);
CREATE VIEW corpus.v AS SELECT id, a, c FROM corpus.t;
CREATE TABLE corpus.t1 (id INT NOT NULL PRIMARY KEY, a INT, b INT, c VARCHAR(64), d INT, x INT);
CREATE TABLE corpus.t2 LIKE corpus.t1;
CREATE TABLE corpus.t3 LIKE corpus.t1;
CREATE TABLE corpus.t4 LIKE corpus.t1;
CREATE TABLE corpus.t5 LIKE corpus.t1;
INSERT INTO corpus.t1 VALUES (1, 1, 1, 'a', 1, 1), (2, 2, 2, 'b', 2, 2);
INSERT INTO corpus.t2 VALUES (1, 1, 1, 'a', 1, 1);
INSERT INTO corpus.t3 VALUES (1, 1, 1, 'a', 1, 1);
CREATE TABLE ks.t LIKE corpus.t;
CREATE TABLE ks.t2 (id INT PRIMARY KEY);
CREATE TABLE corpus.parent (id INT NOT NULL PRIMARY KEY);
INSERT INTO corpus.parent VALUES (1), (2);
CREATE TABLE corpus.categories (id INT NOT NULL PRIMARY KEY, parent_id INT);
INSERT INTO corpus.categories VALUES (1, NULL), (2, 1), (3, 2);
CREATE TABLE corpus.parts (id INT NOT NULL, v VARCHAR(10)) PARTITION BY RANGE (id) (PARTITION p0 VALUES LESS THAN (10), PARTITION p1 VALUES LESS THAN (100), PARTITION p2 VALUES LESS THAN MAXVALUE);
CREATE TABLE corpus.idents (`first name` INT, `ünïcode` INT, `we``ird` INT, `123` INT, `select` INT, `a.b` INT, 1col INT, $dollar INT, _under INT, col1$ INT, abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl INT);
CREATE TABLE corpus.kw (action INT, bit INT, data INT, enum INT, event INT, file INT, hash INT, json INT, level INT, mode INT, names INT, position INT, quarter INT, timestamp INT, text INT, year INT, `interval` INT);
CREATE TABLE corpus.log_myisam (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, msg VARCHAR(100)) ENGINE=MyISAM;
CREATE TABLE corpus.audit (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, msg VARCHAR(200), created DATETIME DEFAULT CURRENT_TIMESTAMP);
CREATE SEQUENCE corpus.seq1;
CREATE PROCEDURE corpus.corpus_p(IN a INT, OUT b INT) SET b = a * 2;
CREATE PROCEDURE corpus.corpus_q() SELECT 1 AS one;
CREATE FUNCTION corpus.corpus_double(x INT) RETURNS INT DETERMINISTIC RETURN x * 2;
CREATE TRIGGER corpus.trg_fixture BEFORE INSERT ON corpus.log_myisam FOR EACH ROW SET NEW.msg = TRIM(NEW.msg);
CREATE EVENT corpus.ev_fixture ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM corpus.audit WHERE created < NOW() - INTERVAL 1 YEAR;

-- ORM tables (Rails, Hibernate, Prisma, Alembic, Django), in `corpus` and `app`
CREATE TABLE corpus.users (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, email VARCHAR(255) NOT NULL DEFAULT '', encrypted_password VARCHAR(255) NOT NULL DEFAULT '',
  name VARCHAR(255), role INT NOT NULL DEFAULT 0, admin TINYINT(1) NOT NULL DEFAULT 0, reset_password_token VARCHAR(255),
  sign_in_count INT NOT NULL DEFAULT 0, last_sign_in_at DATETIME(6), created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), deleted_at DATETIME(6),
  UNIQUE KEY index_users_on_email (email)
);
INSERT INTO corpus.users (id, email, name, admin) VALUES (1, 'root@example.com', 'Root', 1), (2, 'bob@example.com', 'Bob', 0), (3, 'eve@example.com', NULL, 0);
CREATE TABLE corpus.posts (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, user_id BIGINT NOT NULL, title VARCHAR(255) NOT NULL, body TEXT,
  published TINYINT(1) DEFAULT 0, published_at DATETIME(6), views_count INT NOT NULL DEFAULT 0, lock_version INT NOT NULL DEFAULT 0,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  KEY index_posts_on_user_id (user_id), CONSTRAINT fk_rails_5b5ddfd518 FOREIGN KEY (user_id) REFERENCES corpus.users (id)
);
INSERT INTO corpus.posts (id, user_id, title, published, lock_version) VALUES (1, 1, 'Hello rails', 1, 2), (2, 2, 'Draft', 0, 0);
CREATE TABLE corpus.comments (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, post_id BIGINT NOT NULL, user_id BIGINT, body TEXT NOT NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  KEY index_comments_on_post_id (post_id)
);
CREATE TABLE corpus.tags (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(64) NOT NULL, taggings_count INT DEFAULT 0, UNIQUE KEY index_tags_on_name (name));
CREATE TABLE corpus.taggings (tag_id BIGINT NOT NULL, post_id BIGINT NOT NULL, PRIMARY KEY (tag_id, post_id));
CREATE TABLE corpus.schema_migrations (version VARCHAR(255) NOT NULL PRIMARY KEY);
CREATE TABLE corpus.ar_internal_metadata (`key` VARCHAR(255) NOT NULL PRIMARY KEY, value VARCHAR(255), created_at DATETIME(6) NOT NULL, updated_at DATETIME(6) NOT NULL);
CREATE TABLE corpus.hibernate_sequence (next_val BIGINT);
INSERT INTO corpus.hibernate_sequence VALUES (1);
CREATE SEQUENCE corpus.post_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE corpus.`Account` (id VARCHAR(191) NOT NULL PRIMARY KEY, userId BIGINT NOT NULL, provider VARCHAR(191) NOT NULL, providerAccountId VARCHAR(191) NOT NULL, refresh_token TEXT, expires_at INT, createdAt DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3));
CREATE TABLE corpus._prisma_migrations (id VARCHAR(36) NOT NULL PRIMARY KEY, checksum VARCHAR(64) NOT NULL, finished_at DATETIME(3), migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at DATETIME(3), started_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), applied_steps_count INT UNSIGNED NOT NULL DEFAULT 0);
CREATE TABLE corpus.alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);
INSERT INTO corpus.alembic_version VALUES ('1975ea83b712');
CREATE TABLE corpus.django_migrations (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, app VARCHAR(255) NOT NULL, name VARCHAR(255) NOT NULL, applied DATETIME(6) NOT NULL);
CREATE TABLE app.users LIKE corpus.users;
CREATE TABLE app.posts LIKE corpus.posts;
INSERT INTO app.users SELECT * FROM corpus.users;
INSERT INTO app.posts SELECT * FROM corpus.posts;
