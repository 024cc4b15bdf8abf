// A shared library loaded on first use, and the forwarding functions that stand for its API.
//
// The drivers' libraries (libpq, libmariadb) are not linked: each API function the drivers call
// is defined by a forwarding function of the same name and signature (the library's header
// declares it, so the compiler checks the match), which looks the real one up on its first call.
// They are hidden, so the library's own calls to its functions still reach its own definitions.
#include <pthread.h>

typedef struct {
    /// The file name dlopen looks for (`libpq.so.5`).
    const char *file;
    /// What to install when it cannot be loaded (`libpq5`), for the message.
    const char *package;
    pthread_mutex_t lock;
    void *handle;
    char failure[512];
} dbadvisor_library;

#define DBADVISOR_LIBRARY(file, package) {file, package, PTHREAD_MUTEX_INITIALIZER, 0, {0}}

/// Loads `library` once; NULL when it is loaded, else why it could not be, naming the package.
const char *dbadvisor_library_load(dbadvisor_library *library);

/// The address of `name` in `library`, loaded if need be. The drivers check that the library
/// loads before they call into it, so this ending the process (with a message) is a last resort.
void *dbadvisor_library_symbol(dbadvisor_library *library, const char *name);

/// Defines `name`, returning `type`, as a call of the library's own `name` (looked up once).
#define DBADVISOR_FORWARD(library, type, name, parameters, arguments)                        \
    __attribute__((visibility("hidden"))) type name parameters {                             \
        DBADVISOR_RESOLVE(library, name)                                                      \
        return function arguments;                                                            \
    }

/// The same for a function returning nothing.
#define DBADVISOR_FORWARD_VOID(library, name, parameters, arguments)                          \
    __attribute__((visibility("hidden"))) void name parameters {                             \
        DBADVISOR_RESOLVE(library, name)                                                      \
        function arguments;                                                                   \
    }

/// `function`: the library's own `name`, looked up on the first call and kept.
#define DBADVISOR_RESOLVE(library, name)                                                      \
    static __typeof__(&name) resolved;                                                        \
    __typeof__(&name) function = __atomic_load_n(&resolved, __ATOMIC_ACQUIRE);                \
    if (!function) {                                                                          \
        function = (__typeof__(&name))dbadvisor_library_symbol(&library, #name);             \
        __atomic_store_n(&resolved, function, __ATOMIC_RELEASE);                              \
    }
