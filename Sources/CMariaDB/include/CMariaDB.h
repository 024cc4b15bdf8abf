// libmariadb's API as the MySQL/MariaDB driver calls it. The library itself is loaded on first
// use (MariaDB.c), not by the dynamic linker at start: with OpenSSL it cost ~2 ms of every run,
// commands that never connect included.
#if __has_include(<mysql.h>)
#include <mysql.h>
#else
#include <mariadb/mysql.h>
#endif

/// Loads libmariadb once; NULL when it is loaded, else why it could not be (dlerror's text).
const char *dbadvisor_libmariadb_load(void);
