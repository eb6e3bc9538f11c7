-- The shop's MySQL accounts and grants (CONTRACT.md): the one definition, run as root by docker-compose
-- (init-shop.sh, MySQL 8) and by local-servers (MariaDB). The caller sets these user variables first, as string literals:
--   @database                      the write model's database (shop)
--   @writer_user, @writer_password the order service's account: SELECT, INSERT, UPDATE, DELETE on the shop, no DDL
--   @cdc_user, @cdc_password       Flink CDC's account: SELECT on the shop, REPLICATION SLAVE and REPLICATION CLIENT;
--                                  no RELOAD (the incremental snapshot takes no global read lock), no other database
-- Names and passwords reach the statements through QUOTE() (account names and passwords) and a quoted identifier
-- (the database), never spliced in by hand. On MySQL 8 the CDC account authenticates with mysql_native_password:
-- the default caching_sha2_password needs TLS or RSA key retrieval for a first login, which the binlog client over a
-- plain connection trips over; MariaDB's default is mysql_native_password already.
SET @writer = CONCAT(QUOTE(@writer_user), '@''%''');
SET @cdc = CONCAT(QUOTE(@cdc_user), '@''%''');
SET @shop = CONCAT('`', REPLACE(@database, '`', '``'), '`.*');
SET @cdc_plugin = IF(VERSION() LIKE '%MariaDB%', '', ' WITH mysql_native_password');

SET @statement = CONCAT('CREATE USER ', @writer, ' IDENTIFIED BY ', QUOTE(@writer_password));
PREPARE statement FROM @statement;
EXECUTE statement;
SET @statement = CONCAT('GRANT SELECT, INSERT, UPDATE, DELETE ON ', @shop, ' TO ', @writer);
PREPARE statement FROM @statement;
EXECUTE statement;

SET @statement = CONCAT('CREATE USER ', @cdc, ' IDENTIFIED', @cdc_plugin, ' BY ', QUOTE(@cdc_password));
PREPARE statement FROM @statement;
EXECUTE statement;
SET @statement = CONCAT('GRANT SELECT ON ', @shop, ' TO ', @cdc);
PREPARE statement FROM @statement;
EXECUTE statement;
SET @statement = CONCAT('GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO ', @cdc);
PREPARE statement FROM @statement;
EXECUTE statement;
DEALLOCATE PREPARE statement;
SET @writer_password = NULL, @cdc_password = NULL, @statement = NULL;
