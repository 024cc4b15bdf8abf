// The libpq functions the PostgreSQL driver calls, forwarded to the library loaded on first use.
#include "CLibPQ.h"

#include "CDynamicLibrary.h"

#ifdef __APPLE__
static dbadvisor_library libpq = DBADVISOR_LIBRARY("libpq.5.dylib", "libpq");
#else
static dbadvisor_library libpq = DBADVISOR_LIBRARY("libpq.so.5", "libpq5");
#endif

const char *dbadvisor_libpq_load(void) { return dbadvisor_library_load(&libpq); }

// Connections.
DBADVISOR_FORWARD(libpq, PQconninfoOption *, PQconndefaults, (void), ())
DBADVISOR_FORWARD_VOID(libpq, PQconninfoFree, (PQconninfoOption *connOptions), (connOptions))
DBADVISOR_FORWARD(libpq, PGconn *, PQconnectdbParams,
                  (const char *const *keywords, const char *const *values, int expand_dbname),
                  (keywords, values, expand_dbname))
DBADVISOR_FORWARD_VOID(libpq, PQfinish, (PGconn *conn), (conn))
DBADVISOR_FORWARD(libpq, ConnStatusType, PQstatus, (const PGconn *conn), (conn))
DBADVISOR_FORWARD(libpq, PGTransactionStatusType, PQtransactionStatus, (const PGconn *conn), (conn))
DBADVISOR_FORWARD(libpq, char *, PQerrorMessage, (const PGconn *conn), (conn))
DBADVISOR_FORWARD(libpq, const char *, PQparameterStatus, (const PGconn *conn, const char *paramName),
                  (conn, paramName))
DBADVISOR_FORWARD(libpq, PQnoticeProcessor, PQsetNoticeProcessor,
                  (PGconn *conn, PQnoticeProcessor proc, void *arg), (conn, proc, arg))
DBADVISOR_FORWARD(libpq, char *, PQdb, (const PGconn *conn), (conn))
DBADVISOR_FORWARD(libpq, char *, PQhost, (const PGconn *conn), (conn))
DBADVISOR_FORWARD(libpq, char *, PQport, (const PGconn *conn), (conn))

// Statements.
DBADVISOR_FORWARD(libpq, PGresult *, PQexec, (PGconn *conn, const char *query), (conn, query))
DBADVISOR_FORWARD(libpq, PGresult *, PQexecParams,
                  (PGconn *conn, const char *command, int nParams, const Oid *paramTypes,
                   const char *const *paramValues, const int *paramLengths, const int *paramFormats,
                   int resultFormat),
                  (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat))
DBADVISOR_FORWARD(libpq, PGresult *, PQprepare,
                  (PGconn *conn, const char *stmtName, const char *query, int nParams, const Oid *paramTypes),
                  (conn, stmtName, query, nParams, paramTypes))
DBADVISOR_FORWARD(libpq, PGresult *, PQdescribePrepared, (PGconn *conn, const char *stmt), (conn, stmt))
DBADVISOR_FORWARD(libpq, PGresult *, PQgetResult, (PGconn *conn), (conn))
DBADVISOR_FORWARD(libpq, int, PQgetCopyData, (PGconn *conn, char **buffer, int async), (conn, buffer, async))
DBADVISOR_FORWARD(libpq, int, PQputCopyEnd, (PGconn *conn, const char *errormsg), (conn, errormsg))
DBADVISOR_FORWARD_VOID(libpq, PQfreemem, (void *ptr), (ptr))

// Results.
DBADVISOR_FORWARD_VOID(libpq, PQclear, (PGresult *res), (res))
DBADVISOR_FORWARD(libpq, ExecStatusType, PQresultStatus, (const PGresult *res), (res))
DBADVISOR_FORWARD(libpq, char *, PQresultErrorMessage, (const PGresult *res), (res))
DBADVISOR_FORWARD(libpq, char *, PQresultErrorField, (const PGresult *res, int fieldcode), (res, fieldcode))
DBADVISOR_FORWARD(libpq, char *, PQcmdTuples, (PGresult *res), (res))
DBADVISOR_FORWARD(libpq, int, PQntuples, (const PGresult *res), (res))
DBADVISOR_FORWARD(libpq, int, PQnfields, (const PGresult *res), (res))
DBADVISOR_FORWARD(libpq, int, PQnparams, (const PGresult *res), (res))
DBADVISOR_FORWARD(libpq, char *, PQfname, (const PGresult *res, int field_num), (res, field_num))
DBADVISOR_FORWARD(libpq, char *, PQgetvalue, (const PGresult *res, int tup_num, int field_num),
                  (res, tup_num, field_num))
DBADVISOR_FORWARD(libpq, int, PQgetisnull, (const PGresult *res, int tup_num, int field_num),
                  (res, tup_num, field_num))
