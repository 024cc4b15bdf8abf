// libpq's API as the PostgreSQL driver calls it. The library itself is loaded on first use
// (LibPQ.c), not by the dynamic linker at start: its dependency tree (Kerberos, LDAP, GnuTLS…)
// cost ~5 ms of every run, commands that never connect included.
#if __has_include(<libpq-fe.h>)
#include <libpq-fe.h>
#else
#include <postgresql/libpq-fe.h>
#endif

/// Loads libpq once; NULL when it is loaded, else why it could not be (dlerror's text).
const char *dbadvisor_libpq_load(void);
