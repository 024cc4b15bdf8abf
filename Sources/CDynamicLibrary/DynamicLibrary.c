#include "CDynamicLibrary.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

const char *dbadvisor_library_load(dbadvisor_library *library) {
    pthread_mutex_lock(&library->lock);
    if (!library->handle && !library->failure[0]) {
        // RTLD_GLOBAL, as the dynamic linker would have loaded it: client plugins that libmariadb
        // loads itself (authentication) look its symbols up globally.
        library->handle = dlopen(library->file, RTLD_LAZY | RTLD_GLOBAL);
        if (!library->handle) {
            const char *why = dlerror();
            snprintf(library->failure, sizeof library->failure, "%s could not be loaded (%s); install %s",
                     library->file, why ? why : "unknown error", library->package);
        }
    }
    pthread_mutex_unlock(&library->lock);
    return library->handle ? NULL : library->failure;
}

void *dbadvisor_library_symbol(dbadvisor_library *library, const char *name) {
    const char *failure = dbadvisor_library_load(library);
    void *found = failure ? NULL : dlsym(library->handle, name);
    if (!found) {
        const char *why = failure ? failure : dlerror();
        fprintf(stderr, "error: %s: %s\n", name, why ? why : "not found");
        exit(70);
    }
    return found;
}
