// The libmariadb functions the MySQL/MariaDB driver calls, forwarded to the library loaded on
// first use.
#include "CMariaDB.h"

#include "CDynamicLibrary.h"

#ifdef __APPLE__
static dbadvisor_library libmariadb = DBADVISOR_LIBRARY("libmariadb.3.dylib", "mariadb-connector-c");
#else
static dbadvisor_library libmariadb = DBADVISOR_LIBRARY("libmariadb.so.3", "libmariadb3");
#endif

const char *dbadvisor_libmariadb_load(void) { return dbadvisor_library_load(&libmariadb); }

// Connections.
DBADVISOR_FORWARD(libmariadb, int, mysql_server_init, (int argc, char **argv, char **groups), (argc, argv, groups))
DBADVISOR_FORWARD(libmariadb, MYSQL *, mysql_init, (MYSQL *mysql), (mysql))
DBADVISOR_FORWARD(libmariadb, int, mysql_options, (MYSQL *mysql, enum mysql_option option, const void *arg),
                  (mysql, option, arg))
DBADVISOR_FORWARD(libmariadb, MYSQL *, mysql_real_connect,
                  (MYSQL *mysql, const char *host, const char *user, const char *passwd, const char *db,
                   unsigned int port, const char *unix_socket, unsigned long clientflag),
                  (mysql, host, user, passwd, db, port, unix_socket, clientflag))
DBADVISOR_FORWARD_VOID(libmariadb, mysql_close, (MYSQL *sock), (sock))
DBADVISOR_FORWARD(libmariadb, my_bool, mariadb_get_info, (MYSQL *mysql, enum mariadb_value value, void *arg),
                  (mysql, value, arg))
DBADVISOR_FORWARD(libmariadb, char *, mysql_get_host_info, (MYSQL *mysql), (mysql))
DBADVISOR_FORWARD(libmariadb, int, mysql_set_server_option, (MYSQL *mysql, enum enum_mysql_set_option option),
                  (mysql, option))
DBADVISOR_FORWARD(libmariadb, unsigned int, mysql_errno, (MYSQL *mysql), (mysql))
DBADVISOR_FORWARD(libmariadb, const char *, mysql_error, (MYSQL *mysql), (mysql))
DBADVISOR_FORWARD(libmariadb, const char *, mysql_sqlstate, (MYSQL *mysql), (mysql))

// Statements and results.
DBADVISOR_FORWARD(libmariadb, int, mysql_real_query, (MYSQL *mysql, const char *q, unsigned long length),
                  (mysql, q, length))
DBADVISOR_FORWARD(libmariadb, my_bool, mysql_more_results, (MYSQL *mysql), (mysql))
DBADVISOR_FORWARD(libmariadb, int, mysql_next_result, (MYSQL *mysql), (mysql))
DBADVISOR_FORWARD(libmariadb, MYSQL_RES *, mysql_store_result, (MYSQL *mysql), (mysql))
DBADVISOR_FORWARD(libmariadb, MYSQL_RES *, mysql_use_result, (MYSQL *mysql), (mysql))
DBADVISOR_FORWARD(libmariadb, my_ulonglong, mysql_affected_rows, (MYSQL *mysql), (mysql))
DBADVISOR_FORWARD(libmariadb, unsigned int, mysql_field_count, (MYSQL *mysql), (mysql))
DBADVISOR_FORWARD(libmariadb, unsigned int, mysql_num_fields, (MYSQL_RES *res), (res))
DBADVISOR_FORWARD(libmariadb, MYSQL_FIELD *, mysql_fetch_fields, (MYSQL_RES *res), (res))
DBADVISOR_FORWARD(libmariadb, MYSQL_ROW, mysql_fetch_row, (MYSQL_RES *result), (result))
DBADVISOR_FORWARD(libmariadb, unsigned long *, mysql_fetch_lengths, (MYSQL_RES *result), (result))
DBADVISOR_FORWARD_VOID(libmariadb, mysql_free_result, (MYSQL_RES *result), (result))
