-- What clients send on connect and while browsing a schema: connection
-- set-up, server variables, SHOW commands and information_schema queries of
-- the mysql/mariadb command-line clients, JDBC drivers, DBeaver, MySQL
-- Workbench, HeidiSQL, DataGrip, phpMyAdmin and common language drivers.

-- mysql / mariadb command-line client
select @@version_comment limit 1;
select DATABASE(), USER() limit 1;
SELECT DATABASE();
show databases;
show tables;
SHOW WARNINGS;
SHOW ERRORS;
SHOW COUNT(*) WARNINGS;

-- MySQL Connector/J 8
/* mysql-connector-java-8.0.33 (Revision: 7d6b0800528b6b25c68b52dc10d6c1c8429c100c) */SELECT  @@session.auto_increment_increment AS auto_increment_increment, @@character_set_client AS character_set_client, @@character_set_connection AS character_set_connection, @@character_set_results AS character_set_results, @@character_set_server AS character_set_server, @@collation_server AS collation_server, @@collation_connection AS collation_connection, @@init_connect AS init_connect, @@interactive_timeout AS interactive_timeout, @@license AS license, @@lower_case_table_names AS lower_case_table_names, @@max_allowed_packet AS max_allowed_packet, @@net_write_timeout AS net_write_timeout, @@performance_schema AS performance_schema, @@query_cache_size AS query_cache_size, @@query_cache_type AS query_cache_type, @@sql_mode AS sql_mode, @@system_time_zone AS system_time_zone, @@time_zone AS time_zone, @@tx_isolation AS transaction_isolation, @@wait_timeout AS wait_timeout;
SET character_set_results = NULL;
SET autocommit=1;
SELECT @@session.tx_read_only;
SELECT @@session.tx_isolation;
SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ;
SET SQL_SELECT_LIMIT=DEFAULT;
SELECT TABLE_SCHEMA AS TABLE_CAT, NULL AS TABLE_SCHEM, TABLE_NAME, CASE WHEN TABLE_TYPE='BASE TABLE' THEN CASE WHEN TABLE_SCHEMA = 'mysql' OR TABLE_SCHEMA = 'performance_schema' THEN 'SYSTEM TABLE' ELSE 'TABLE' END WHEN TABLE_TYPE='TEMPORARY' THEN 'LOCAL_TEMPORARY' ELSE TABLE_TYPE END AS TABLE_TYPE, TABLE_COMMENT AS REMARKS, NULL AS TYPE_CAT, NULL AS TYPE_SCHEM, NULL AS TYPE_NAME, NULL AS SELF_REFERENCING_COL_NAME, NULL AS REF_GENERATION FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME LIKE ? HAVING TABLE_TYPE IN (?,?,null,null,null) ORDER BY TABLE_TYPE, TABLE_SCHEMA, TABLE_NAME;
SELECT A.REFERENCED_TABLE_SCHEMA AS PKTABLE_CAT,NULL AS PKTABLE_SCHEM, A.REFERENCED_TABLE_NAME AS PKTABLE_NAME, A.REFERENCED_COLUMN_NAME AS PKCOLUMN_NAME, A.TABLE_SCHEMA AS FKTABLE_CAT, NULL AS FKTABLE_SCHEM, A.TABLE_NAME AS FKTABLE_NAME, A.COLUMN_NAME AS FKCOLUMN_NAME, A.ORDINAL_POSITION AS KEY_SEQ,CASE WHEN R.UPDATE_RULE = 'CASCADE' THEN 0 WHEN R.UPDATE_RULE = 'SET NULL' THEN 2 WHEN R.UPDATE_RULE = 'SET DEFAULT' THEN 4 WHEN R.UPDATE_RULE = 'RESTRICT' THEN 1 WHEN R.UPDATE_RULE = 'NO ACTION' THEN 1 ELSE 1 END  AS UPDATE_RULE,CASE WHEN R.DELETE_RULE = 'CASCADE' THEN 0 WHEN R.DELETE_RULE = 'SET NULL' THEN 2 WHEN R.DELETE_RULE = 'SET DEFAULT' THEN 4 WHEN R.DELETE_RULE = 'RESTRICT' THEN 1 WHEN R.DELETE_RULE = 'NO ACTION' THEN 1 ELSE 1 END  AS DELETE_RULE, A.CONSTRAINT_NAME AS FK_NAME, R.UNIQUE_CONSTRAINT_NAME AS PK_NAME,7 AS DEFERRABILITY FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE A JOIN INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS R ON (R.CONSTRAINT_NAME = A.CONSTRAINT_NAME AND R.TABLE_NAME = A.TABLE_NAME AND R.CONSTRAINT_SCHEMA = A.TABLE_SCHEMA) WHERE R.TABLE_NAME = ? AND A.TABLE_SCHEMA = ? ORDER BY A.REFERENCED_TABLE_SCHEMA, A.REFERENCED_TABLE_NAME, A.ORDINAL_POSITION;

-- MariaDB Connector/J 3
set autocommit=1, session_track_schema=1, sql_mode = concat(@@sql_mode,',STRICT_TRANS_TABLES');
SELECT @@max_allowed_packet, @@wait_timeout;
SELECT TABLE_SCHEMA TABLE_CAT, NULL TABLE_SCHEM, TABLE_NAME, IF(TABLE_TYPE='BASE TABLE' or TABLE_TYPE='SYSTEM VERSIONED', 'TABLE', TABLE_TYPE) as TABLE_TYPE, TABLE_COMMENT REMARKS, NULL TYPE_CAT, NULL TYPE_SCHEM, NULL TYPE_NAME, NULL SELF_REFERENCING_COL_NAME, NULL REF_GENERATION FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'app' AND TABLE_NAME LIKE '%' ORDER BY TABLE_TYPE, TABLE_SCHEMA, TABLE_NAME;
SELECT TABLE_SCHEMA TABLE_CAT, NULL TABLE_SCHEM, TABLE_NAME, COLUMN_NAME, IF(COLUMN_TYPE like 'tinyint(1)%', -7, CASE DATA_TYPE WHEN 'int' THEN 4 WHEN 'bigint' THEN -5 WHEN 'varchar' THEN 12 WHEN 'datetime' THEN 93 ELSE 1111 END) DATA_TYPE, UCASE(IF(COLUMN_TYPE LIKE '%unsigned%', CONCAT(DATA_TYPE, ' UNSIGNED'), DATA_TYPE)) TYPE_NAME, CASE DATA_TYPE WHEN 'time' THEN IF(DATETIME_PRECISION = 0, 10, CAST(11 + DATETIME_PRECISION as signed integer)) WHEN 'date' THEN 10 ELSE IF(NUMERIC_PRECISION IS NULL, LEAST(CHARACTER_MAXIMUM_LENGTH,2147483647), NUMERIC_PRECISION) END COLUMN_SIZE, 65535 BUFFER_LENGTH, NUMERIC_SCALE DECIMAL_DIGITS, 10 NUM_PREC_RADIX, IF(IS_NULLABLE = 'yes',1,0) NULLABLE, COLUMN_COMMENT REMARKS, COLUMN_DEFAULT COLUMN_DEF, 0 SQL_DATA_TYPE, 0 SQL_DATETIME_SUB, LEAST(CHARACTER_OCTET_LENGTH,2147483647) CHAR_OCTET_LENGTH, ORDINAL_POSITION, IS_NULLABLE, NULL SCOPE_CATALOG, NULL SCOPE_SCHEMA, NULL SCOPE_TABLE, NULL SOURCE_DATA_TYPE, IF(EXTRA = 'auto_increment','YES','NO') IS_AUTOINCREMENT, IF(EXTRA in ('VIRTUAL', 'PERSISTENT', 'VIRTUAL GENERATED', 'STORED GENERATED') ,'YES','NO') IS_GENERATEDCOLUMN FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'app' AND TABLE_NAME LIKE 'users' AND COLUMN_NAME LIKE '%' ORDER BY TABLE_CAT, TABLE_SCHEM, TABLE_NAME, ORDINAL_POSITION;
SELECT A.TABLE_SCHEMA TABLE_CAT, NULL TABLE_SCHEM, A.TABLE_NAME, A.COLUMN_NAME, B.SEQ_IN_INDEX KEY_SEQ, B.INDEX_NAME PK_NAME FROM INFORMATION_SCHEMA.COLUMNS A, INFORMATION_SCHEMA.STATISTICS B WHERE A.COLUMN_KEY in ('PRI','pri') AND B.INDEX_NAME='PRIMARY' AND (A.TABLE_SCHEMA = 'app') AND (A.TABLE_NAME = 'users') AND A.TABLE_SCHEMA = B.TABLE_SCHEMA AND A.TABLE_NAME = B.TABLE_NAME AND A.COLUMN_NAME = B.COLUMN_NAME ORDER BY A.COLUMN_NAME;
SELECT SCHEMA_NAME TABLE_CAT FROM INFORMATION_SCHEMA.SCHEMATA ORDER BY 1;
SELECT ' ' TABLE_SCHEM, ' ' TABLE_CATALOG FROM DUAL WHERE 1=0;
SELECT NON_UNIQUE, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, COLLATION, CARDINALITY, SUB_PART, NULLABLE, INDEX_TYPE FROM INFORMATION_SCHEMA.STATISTICS WHERE TABLE_SCHEMA = 'app' AND TABLE_NAME = 'users' ORDER BY NON_UNIQUE, INDEX_NAME, SEQ_IN_INDEX;

-- DBeaver
/* ApplicationName=DBeaver 23.3.0 - Main */ SELECT DATABASE();
/* ApplicationName=DBeaver 23.3.0 - Metadata */ SHOW ENGINES;
/* ApplicationName=DBeaver 23.3.0 - Metadata */ SHOW CHARSET;
/* ApplicationName=DBeaver 23.3.0 - Metadata */ SHOW COLLATION;
/* ApplicationName=DBeaver 23.3.0 - Metadata */ SHOW PLUGINS;
/* ApplicationName=DBeaver 23.3.0 - Metadata */ SHOW VARIABLES LIKE 'lower_case_table_names';
/* ApplicationName=DBeaver 23.3.0 - Metadata */ SELECT * FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = 'app' ORDER BY t.TABLE_NAME;
/* ApplicationName=DBeaver 23.3.0 - Metadata */ SELECT * FROM information_schema.COLUMNS c WHERE c.TABLE_SCHEMA = 'app' AND c.TABLE_NAME = 'users' ORDER BY c.ORDINAL_POSITION;
/* ApplicationName=DBeaver 23.3.0 - Metadata */ SELECT kc.CONSTRAINT_NAME,kc.TABLE_NAME,kc.COLUMN_NAME,kc.ORDINAL_POSITION FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE kc WHERE kc.TABLE_SCHEMA=? AND kc.REFERENCED_TABLE_NAME IS NULL AND kc.TABLE_NAME=? ORDER BY kc.CONSTRAINT_NAME,kc.ORDINAL_POSITION;
/* ApplicationName=DBeaver 23.3.0 - Metadata */ SELECT kc.CONSTRAINT_NAME,kc.TABLE_NAME,kc.COLUMN_NAME,kc.ORDINAL_POSITION,kc.POSITION_IN_UNIQUE_CONSTRAINT,kc.REFERENCED_TABLE_SCHEMA,kc.REFERENCED_TABLE_NAME,kc.REFERENCED_COLUMN_NAME,rc.UPDATE_RULE,rc.DELETE_RULE FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE kc JOIN INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS rc ON rc.CONSTRAINT_SCHEMA=kc.CONSTRAINT_SCHEMA AND rc.CONSTRAINT_NAME=kc.CONSTRAINT_NAME WHERE kc.TABLE_SCHEMA=? AND kc.TABLE_NAME=? ORDER BY kc.CONSTRAINT_NAME,kc.ORDINAL_POSITION;
/* ApplicationName=DBeaver 23.3.0 - Metadata */ SELECT * FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA=? ORDER BY ROUTINE_NAME;
/* ApplicationName=DBeaver 23.3.0 - Metadata */ SELECT * FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA=? ORDER BY TRIGGER_NAME;
/* ApplicationName=DBeaver 23.3.0 - Metadata */ SELECT * FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA=? AND TABLE_NAME=?;
/* ApplicationName=DBeaver 23.3.0 - Metadata */ SELECT * FROM information_schema.EVENTS WHERE EVENT_SCHEMA=? ORDER BY EVENT_NAME;
/* ApplicationName=DBeaver 23.3.0 - Metadata */ SHOW TABLE STATUS FROM `app`;
/* ApplicationName=DBeaver 23.3.0 - Metadata */ SHOW FULL PROCESSLIST;
/* ApplicationName=DBeaver 23.3.0 - Metadata */ SELECT * FROM mysql.user ORDER BY user;
/* ApplicationName=DBeaver 23.3.0 - Metadata */ SHOW GRANTS FOR 'root'@'localhost';
/* ApplicationName=DBeaver 23.3.0 - Main */ SELECT * FROM app.users LIMIT 0, 200;
/* ApplicationName=DBeaver 23.3.0 - SQLEditor <Script.sql> */ SELECT count(*) FROM app.users;

-- MySQL Workbench
SET CHARACTER SET utf8mb4;
SET NAMES 'utf8mb4';
SET SQL_SAFE_UPDATES=1;
SELECT CURRENT_USER();
SELECT CONNECTION_ID();
SHOW SESSION VARIABLES LIKE 'lower_case_table_names';
SHOW SESSION VARIABLES LIKE 'sql_mode';
SHOW SESSION STATUS LIKE 'Ssl_cipher';
show variables like 'version_compile_os';
SHOW FULL TABLES FROM `app`;
SHOW COLUMNS FROM `app`.`users`;
SHOW INDEX FROM `app`.`users`;
SHOW TRIGGERS FROM `app`;
SHOW PROCEDURE STATUS WHERE Db='app';
SHOW FUNCTION STATUS WHERE Db='app';
SHOW CREATE TABLE `app`.`users`;
SELECT * FROM `app`.`users` LIMIT 0, 1000;
EXPLAIN FORMAT=JSON SELECT * FROM `app`.`users` WHERE id = 1;

SHOW MASTER STATUS;
SHOW SLAVE STATUS;
SHOW BINARY LOGS;
SHOW GLOBAL STATUS;
SELECT @@GLOBAL.log_bin;
SELECT st.* FROM performance_schema.events_statements_current st JOIN performance_schema.threads thr ON thr.thread_id = st.thread_id WHERE thr.processlist_id = 42;

-- HeidiSQL
SHOW /*!50002 GLOBAL */ STATUS;
SHOW VARIABLES;
SELECT NOW();
SELECT `DEFAULT_COLLATION_NAME` FROM `information_schema`.`SCHEMATA` WHERE `SCHEMA_NAME`='app';
SHOW CREATE DATABASE `app`;
SHOW TABLE STATUS FROM `app`;
SHOW FUNCTION STATUS WHERE `Db`='app';
SHOW PROCEDURE STATUS WHERE `Db`='app';
SELECT *, EVENT_SCHEMA AS `Db`, EVENT_NAME AS `Name` FROM information_schema.`EVENTS` WHERE `EVENT_SCHEMA`='app';
SELECT * FROM `information_schema`.`COLUMNS` WHERE TABLE_SCHEMA='app' AND TABLE_NAME='users' ORDER BY ORDINAL_POSITION;
SELECT `CONSTRAINT_NAME`, `CHECK_CLAUSE` FROM `information_schema`.`CHECK_CONSTRAINTS` WHERE `CONSTRAINT_SCHEMA`='app' AND `TABLE_NAME`='users';
SELECT * FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA='app' AND TABLE_NAME='posts' AND REFERENCED_TABLE_NAME IS NOT NULL;
SHOW INDEXES FROM `users` FROM `app`;
SELECT `id`, `email`, LEFT(`name`, 256) FROM `app`.`users` LIMIT 1000;
SELECT COUNT(*) FROM `app`.`users`;

-- DataGrip
/* ApplicationName=DataGrip 2023.3.4 */ select database();
SET net_write_timeout=600;
SET SQL_SELECT_LIMIT=501;
select schema_name, default_character_set_name, default_collation_name from information_schema.schemata;
select table_name, table_type, engine, table_collation, table_comment, create_options, auto_increment from information_schema.tables where table_schema = 'app';
select table_name, index_name, non_unique, column_name, seq_in_index, sub_part, collation from information_schema.statistics where table_schema = 'app' order by table_name, index_name, seq_in_index;
select constraint_name, table_name, column_name, referenced_table_schema, referenced_table_name, referenced_column_name from information_schema.key_column_usage where table_schema = 'app' and referenced_column_name is not null;
select ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE, DTD_IDENTIFIER, IS_DETERMINISTIC, SQL_DATA_ACCESS, SECURITY_TYPE, ROUTINE_COMMENT from information_schema.ROUTINES where ROUTINE_SCHEMA = 'app';
select grantee, privilege_type, is_grantable from information_schema.user_privileges;
select user, host from mysql.user;
select @@version, @@version_comment;

-- phpMyAdmin
SELECT @@lower_case_table_names;
SELECT CURRENT_USER();
SHOW TABLES FROM `app`;
SELECT `SCHEMA_NAME` FROM `INFORMATION_SCHEMA`.`SCHEMATA`, (SELECT DB_first_level FROM ( SELECT DISTINCT SUBSTRING_INDEX(SCHEMA_NAME, '_', 1) DB_first_level FROM INFORMATION_SCHEMA.SCHEMATA WHERE TRUE ) t ORDER BY DB_first_level ASC LIMIT 0, 100) t2 WHERE TRUE AND 1 = LOCATE(CONCAT(DB_first_level, '_'), CONCAT(SCHEMA_NAME, '_')) ORDER BY SCHEMA_NAME ASC;
SELECT `PRIVILEGE_TYPE` FROM `INFORMATION_SCHEMA`.`SCHEMA_PRIVILEGES` WHERE GRANTEE='''root''@''localhost''' AND PRIVILEGE_TYPE='CREATE USER';
SELECT COUNT(*) AS `Rows`, `email` FROM `app`.`users` GROUP BY `email` ORDER BY `email`;

-- Go (go-sql-driver/mysql), Node (mysql2), PHP (mysqli/PDO), Python (PyMySQL, mariadb)
SELECT @@max_allowed_packet;
SET NAMES utf8mb4 COLLATE utf8mb4_general_ci;
SET time_zone = '+00:00';
SET AUTOCOMMIT = 0;
SET SESSION sql_mode = 'STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION';
SELECT @@version;
SELECT 1;
